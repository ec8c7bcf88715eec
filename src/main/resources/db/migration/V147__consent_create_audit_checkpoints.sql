-- Signed checkpoints of each audit chain's head: a checkpoint is written only after the chain up to it was
-- verified (from the checkpoint before it), and signed with an HMAC key derived for this purpose alone, so a
-- verification can start from the newest checkpoint instead of the first entry. Rewriting entries before a
-- checkpoint (and every hash after them) changes the entry the checkpoint names, and changing the checkpoint too
-- breaks its signature; the full re-verification finds any other change before a checkpoint.
create table consent_audit_checkpoint (
    account_id uuid        not null,
    seq        bigint      not null check (seq >= 1),
    hash       bytea       not null,
    at         timestamptz not null,
    signature  bytea       not null,
    primary key (account_id, seq)
);

-- Full re-verifications running in the background, with their progress and result.
create table consent_audit_verification (
    id               uuid         primary key,
    account_id       uuid         not null,
    requested_by     varchar(200) not null,
    started_at       timestamptz  not null,
    finished_at      timestamptz,
    head_seq         bigint       not null,
    head_hash        bytea,
    done             bigint       not null default 0,
    valid            boolean,
    first_broken_seq bigint,
    checkpoints      integer      not null default 0
);
