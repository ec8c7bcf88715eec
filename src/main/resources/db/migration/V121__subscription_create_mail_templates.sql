-- An account's own wording of a list's built-in mails; without a row the built-in text in the list's language
-- is sent. The placeholders were checked when the row was written.
create table subscription_mail_template (
    list_id    uuid         not null references contacts_list (id),
    kind       varchar(20)  not null check (kind in ('confirmation', 'reminder', 'welcome', 'resubscription')),
    account_id uuid         not null references accounts_account (id),
    subject    varchar(300) not null,
    html       text         not null,
    text       text         not null,
    updated_at timestamptz  not null,
    primary key (list_id, kind)
);
