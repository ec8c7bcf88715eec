-- The audit log: one row per fact, never changed. Each account has its own chain (the nil UUID is the
-- platform's chain, for operator keys and other facts of no account): seq counts 1, 2, 3… per chain and hash
-- is the SHA-256 of the entry's canonical content including prev_hash, the hash of the entry before it.
-- The chain is per account so that appends of one customer never wait for another's, and so a customer can
-- verify and hand over its own chain without anyone else's. No personal data: ids, states, times, IPs.
create table consent_audit_entry (
    id                  bigserial primary key,
    account_id          uuid         not null,
    seq                 bigint       not null check (seq >= 1),
    at                  timestamptz  not null,
    subscriber_id       uuid,
    action              varchar(40)  not null check (action ~ '^[A-Z][A-Z_]{0,39}$'),
    actor               varchar(200) not null,
    detail              jsonb        not null default '{}'::jsonb,
    process_instance_id varchar(64),
    prev_hash           bytea,
    hash                bytea        not null,
    constraint consent_audit_entry_seq_unique unique (account_id, seq)
);

create index consent_audit_entry_subscriber on consent_audit_entry (account_id, subscriber_id, seq)
    where subscriber_id is not null;
create index consent_audit_entry_at on consent_audit_entry (account_id, at);

-- The newest entry of each chain. Appenders lock its row (in their own transaction) to take the next seq, so
-- concurrent appends line up; verification compares it with the last entry, so a removed tail is found too.
create table consent_audit_head (
    account_id uuid   primary key,
    seq        bigint not null,
    hash       bytea
);

-- Append-only, also for a careless hand at the SQL prompt. (Someone who can drop this trigger can also
-- rewrite rows; that is what the hash chain and its verification are for.)
create function consent_audit_entry_is_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'the audit log is append-only: % is not allowed', tg_op;
end;
$$;

create trigger consent_audit_entry_append_only
    before update or delete or truncate on consent_audit_entry
    for each statement execute function consent_audit_entry_is_append_only();
