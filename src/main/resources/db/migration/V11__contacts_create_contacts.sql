-- A contact card. Nothing personal is stored in plaintext: email, mobile and custom field values are sealed
-- (AES-256-GCM) under the card's own data key, which is stored only wrapped by the account's key of
-- key_version. Lookups go through blind indexes (HMAC-SHA256 of the normalised address or the E.164 number
-- under an account key of index_version).
--
-- Erasure (erased_at set) keeps a tombstone: the email index, the dates, nothing readable (wrapped_key null).
-- An erased person who comes back through a confirmed opt-in gets a new card, so several cards may share an
-- email index, but at most one of them is live; "the" card of an address is the newest one.
create table contacts_contact (
    id            uuid primary key,
    account_id    uuid        not null references accounts_account (id),
    key_version   integer     not null,
    wrapped_key   bytea,
    index_version integer     not null,
    email_index   bytea,
    email_sealed  bytea,
    mobile_index  bytea,
    mobile_sealed bytea,
    source        varchar(20) not null check (source in ('WEBFORM', 'API', 'IMPORT', 'RESUBSCRIBED')),
    mail_rating   smallint    not null default 3 check (mail_rating between 1 and 5),
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    erased_at     timestamptz,
    version       bigint      not null default 0,
    constraint contacts_contact_findable check (email_index is not null or mobile_index is not null),
    constraint contacts_contact_live_is_readable check (erased_at is not null or wrapped_key is not null),
    constraint contacts_contact_email_has_index check (email_sealed is null or email_index is not null),
    constraint contacts_contact_mobile_has_index check (mobile_sealed is null or mobile_index is not null)
);

create unique index contacts_contact_live_email on contacts_contact (account_id, email_index)
    where erased_at is null and email_index is not null;
create unique index contacts_contact_live_mobile on contacts_contact (account_id, mobile_index)
    where erased_at is null and mobile_index is not null;
-- "The newest card of this address", tombstones included.
create index contacts_contact_email_newest on contacts_contact (account_id, email_index, created_at desc);
create index contacts_contact_mobile_newest on contacts_contact (account_id, mobile_index, created_at desc);

-- Custom field values, each sealed for its card and field name (the name itself is not personal).
create table contacts_field (
    contact_id   uuid        not null references contacts_contact (id) on delete cascade,
    name         varchar(64) not null check (name ~ '^[A-Za-z][A-Za-z0-9_]{0,63}$'),
    value_sealed bytea       not null,
    primary key (contact_id, name)
);
