-- An erased person's request to come back onto a list (DESIGN.md rule 3), from the request until they confirm it
-- or it expires. No card exists meanwhile, and the tombstone holds no address, so the address and the request's
-- evidence wait here, sealed (AES-256-GCM) under the account's key "contacts.resubscription" of key_version,
-- bound to the row's id. The row is deleted on confirmation (the new card takes over) and on expiry: an
-- unconfirmed resubscription leaves nothing behind but its audit entries.
create table contacts_resubscription (
    id             uuid primary key,
    account_id     uuid        not null references accounts_account (id),
    tombstone_id   uuid        not null references contacts_contact (id),
    list_id        uuid        not null references contacts_list (id),
    channel        varchar(5)  not null check (channel in ('EMAIL', 'SMS')),
    key_version    integer     not null,
    request_sealed bytea       not null,
    requested_at   timestamptz not null,
    -- One pending request per tombstone and list: a repeated one is answered with the pending one.
    constraint contacts_resubscription_once_per_list unique (tombstone_id, list_id)
);

create index contacts_resubscription_account on contacts_resubscription (account_id);

-- The erased permission's channel decides how a resubscription is confirmed (mail, or SMS when it was SMS), so
-- erasure keeps it on the tombstone's subscriptions: which channel a list used is not personal data.
comment on column contacts_subscription.channel is
    'EMAIL or SMS. Kept on a tombstone: a resubscription is confirmed on the channel of the erased permission.';
