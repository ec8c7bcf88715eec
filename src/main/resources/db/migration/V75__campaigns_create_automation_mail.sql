-- Mail sent by automation flows (the "send a template" task), one row per mail, ids only. Like a campaign
-- recipient's, the mail carries one random tracking token (128 bits) stored here only as its SHA-256, so its
-- opens (/t/o/{token}) and clicks (/t/c/{token}{link number}) are recorded on the card and feed the MailRating.
-- An erasure deletes the person's rows.
create table campaigns_automation_mail (
    id                  uuid         primary key,
    account_id          uuid         not null references accounts_account (id),
    subscriber_id       uuid         not null,
    subscription_id     uuid         not null,
    template_id         uuid         not null references campaigns_template (id),
    process_instance_id varchar(64),
    message_id          uuid         not null,
    tracking_hash       bytea        not null,
    created_at          timestamptz  not null,
    opened_at           timestamptz,
    clicked_at          timestamptz
);

create unique index campaigns_automation_mail_tracking on campaigns_automation_mail (tracking_hash);
create index campaigns_automation_mail_subscriber on campaigns_automation_mail (account_id, subscriber_id);

-- The click targets of a template's automation mail: its own absolute http(s) links, numbered once in order of
-- appearance. A template does not change once created, so its numbers hold for every mail made from it.
create table campaigns_template_link (
    template_id uuid           not null references campaigns_template (id),
    position    integer        not null,
    url         varchar(2048)  not null,
    primary key (template_id, position)
);
