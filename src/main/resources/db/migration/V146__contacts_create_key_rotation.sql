-- The newest key rotation of each account: the data keys of its cards are re-wrapped under target_version in
-- batches, by one node at a time (the node holding the lease; a lease that ran out is taken over, and the work
-- resumes where it stopped, since each batch commits its cards with their new version). drained_at: the first
-- time no card was left under an older version; the older versions are retired a grace period later (reads that
-- loaded a card before its re-wrap finish first), then finished_at is set.
create table contacts_key_rotation (
    account_id     uuid         primary key references accounts_account (id),
    target_version integer      not null,
    total          bigint       not null,
    done           bigint       not null default 0,
    started_at     timestamptz  not null,
    drained_at     timestamptz,
    finished_at    timestamptz,
    lease_holder   varchar(100),
    lease_until    timestamptz
);

create index contacts_contact_key_version on contacts_contact (account_id, key_version) where wrapped_key is not null;
