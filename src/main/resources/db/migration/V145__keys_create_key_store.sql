-- What the master key protects, stored so that the master key can change without changing what it protects.
--
-- keys_root: one row. The derivation root is the secret every derived key (HKDF) comes from; on the first start
-- of this version it is the master key of that time, so every key derived before stays the same. It is stored
-- sealed (AES-256-GCM) under a key-encryption key derived from the master key, next to the master key's check
-- value (16 bytes of an HMAC under the master key over a fixed text): a start with another master key is found
-- before anything is read or written with it.
create table keys_root (
    id          smallint    primary key check (id = 1),
    check_value bytea       not null,
    sealed_root bytea       not null,
    changed_at  timestamptz not null
);

-- The versions of an account's wrapping key (contacts.wrap): version 1 derives from the root (as before this
-- table); later versions are random keys sealed under the master key's key-encryption key. A retired version
-- unwraps nothing any more: its sealed key is destroyed (version 1: refused by the key ring).
create table keys_account_version (
    account_id uuid        not null,
    version    integer     not null check (version >= 1),
    sealed_key bytea,
    created_at timestamptz not null,
    retired_at timestamptz,
    primary key (account_id, version),
    constraint keys_account_version_retired_has_no_key check (retired_at is null or sealed_key is null),
    constraint keys_account_version_later_have_a_key check (version = 1 or retired_at is not null
        or sealed_key is not null)
);
