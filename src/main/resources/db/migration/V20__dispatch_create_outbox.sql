-- The outbox: one row per message to one person. It names the person by ids only; the address is resolved
-- (and suppression checked) just before sending. What the person reads, and their unsubscribe link, is sealed
-- (AES-256-GCM under an account key, bound to the row's id) and deleted once the row reaches a final state, so
-- no personal data lingers here after sending.
create table dispatch_outbox (
    id               uuid         primary key,
    account_id       uuid         not null,
    subscriber_id    uuid         not null,
    subscription_id  uuid,
    channel          varchar(5)   not null check (channel in ('EMAIL', 'SMS')),
    purpose          varchar(30)  not null check (purpose in ('CONFIRMATION', 'CONFIRMATION_REMINDER', 'WELCOME',
                                                              'CAMPAIGN', 'AUTOMATION')),
    batch_id         varchar(100),
    list_id          varchar(200),
    state            varchar(10)  not null default 'QUEUED'
                                  check (state in ('QUEUED', 'SENDING', 'SOFT_FAIL', 'SENT', 'HARD_FAIL',
                                                   'SUPPRESSED', 'EXPIRED', 'UNKNOWN')),
    -- attempts actually started (a claim that never reached the relay does not count)
    attempts         integer      not null default 0,
    next_attempt_at  timestamptz  not null default now(),
    -- the node that holds (or last held) the row, and until when; a SENDING row whose lease expired belongs
    -- to a node that died or hung
    lease_owner      varchar(100),
    lease_expires_at timestamptz,
    -- set just before the relay is contacted: a SENDING row with it set may have been delivered
    started_at       timestamptz,
    key_version      integer      not null,
    sealed_content   bytea,
    -- the relay's last answer, with addresses removed
    relay_answer     varchar(500),
    created_at       timestamptz  not null default now(),
    finished_at      timestamptz,
    constraint dispatch_outbox_sealed_until_final
        check (sealed_content is not null or state in ('SENT', 'HARD_FAIL', 'SUPPRESSED', 'EXPIRED', 'UNKNOWN')),
    constraint dispatch_outbox_no_content_when_final
        check (sealed_content is null or state in ('QUEUED', 'SENDING', 'SOFT_FAIL'))
);

-- What the workers claim: only rows on the way, in the order they fall due.
create index dispatch_outbox_due on dispatch_outbox (channel, next_attempt_at)
    where state in ('QUEUED', 'SOFT_FAIL');

-- What lease recovery looks at.
create index dispatch_outbox_leased on dispatch_outbox (lease_expires_at) where state = 'SENDING';

create index dispatch_outbox_batch on dispatch_outbox (batch_id, state) where batch_id is not null;

-- Erasure suppresses what is not sent yet.
create index dispatch_outbox_pending_person on dispatch_outbox (account_id, subscriber_id)
    where state in ('QUEUED', 'SOFT_FAIL', 'SENDING');
