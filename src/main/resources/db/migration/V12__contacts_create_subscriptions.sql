-- One person on one list, with the evidence of their consent: when, from which IP and user agent they asked
-- and confirmed, through which form (key and version) or integration (API key id), and the consent text they saw.
create table contacts_subscription (
    id                   uuid primary key,
    account_id           uuid          not null references accounts_account (id),
    -- No cascade: consent evidence is never deleted as a side effect; whoever removes a card removes its
    -- subscriptions first, on purpose (an expired signup), and a racing new subscription makes that fail.
    contact_id           uuid          not null references contacts_contact (id),
    list_id              uuid          not null references contacts_list (id),
    channel              varchar(5)    not null check (channel in ('EMAIL', 'SMS')),
    status               varchar(12)   not null check (status in ('PENDING', 'CONFIRMED', 'UNSUBSCRIBED', 'BOUNCED')),
    source               varchar(20)   not null check (source in ('WEBFORM', 'API', 'IMPORT', 'RESUBSCRIBED')),
    subscribed_at        timestamptz   not null,
    subscribe_ip         varchar(45),
    subscribe_user_agent varchar(512),
    form_key             varchar(64),
    form_version         integer,
    integration          varchar(100),
    consent_text         varchar(4000),
    confirmed_at         timestamptz,
    confirm_ip           varchar(45),
    confirm_user_agent   varchar(512),
    unsubscribed_at      timestamptz,
    bounced_at           timestamptz,
    updated_at           timestamptz   not null,
    version              bigint        not null default 0,
    constraint contacts_subscription_once_per_list unique (contact_id, list_id),
    constraint contacts_subscription_confirmed_has_evidence check (status <> 'CONFIRMED' or confirmed_at is not null)
);

create index contacts_subscription_audience on contacts_subscription (list_id, status);
create index contacts_subscription_account on contacts_subscription (account_id);
