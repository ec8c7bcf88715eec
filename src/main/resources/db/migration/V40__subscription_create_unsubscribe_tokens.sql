-- One-click unsubscribe links (RFC 8058), one per subscription: every list mail to the person carries the same
-- link, and it works for as long as the subscription exists (it never expires while mail can still come from
-- that list). The token itself is never stored in the clear: token_hash is an HMAC of it under a key derived
-- from the master key (the lookup), token_sealed is it sealed with AES-GCM under an account key (so the next
-- mail can carry the same link). Neither is usable without the master key. No foreign key to contacts: the
-- subscription module refers to subscriptions by id, as the double opt-in does.
create table subscription_unsubscribe_token (
    subscription_id uuid        primary key,
    account_id      uuid        not null references accounts_account (id),
    token_hash      bytea       not null unique,
    token_sealed    bytea       not null,
    key_version     integer     not null check (key_version > 0),
    created_at      timestamptz not null default now()
);

create index subscription_unsubscribe_token_account on subscription_unsubscribe_token (account_id);
