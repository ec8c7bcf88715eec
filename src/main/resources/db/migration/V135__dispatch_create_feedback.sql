-- What the receiving side reported about our messages after they left: bounces that came back later as DSNs,
-- complaints (ARF reports), ESP webhook events, and the relay's own 5xx refusals. One row per report; the
-- primary key is the source's own id of it, so the same report processed twice (a mailbox message read again
-- after a crash, a webhook the provider retried) has one effect. Ids only: the diagnostic is redacted.
create table dispatch_feedback (
    source           varchar(20)  not null,
    event_id         varchar(200) not null,
    message_id       uuid         not null,
    account_id       uuid         not null,
    subscriber_id    uuid         not null,
    subscription_id  uuid,
    batch_id         varchar(100),
    kind             varchar(11)  not null check (kind in ('HARD_BOUNCE', 'SOFT_BOUNCE', 'COMPLAINT')),
    diagnostic       varchar(200),
    occurred_at      timestamptz  not null,
    recorded_at      timestamptz  not null default now(),
    primary key (source, event_id)
);

-- Three soft bounces of one subscription in 15 days make it BOUNCED.
create index dispatch_feedback_soft on dispatch_feedback (subscription_id, occurred_at) where kind = 'SOFT_BOUNCE';

-- A campaign's bounce and complaint counts.
create index dispatch_feedback_batch on dispatch_feedback (batch_id, kind) where batch_id is not null;

-- An account's complaint rate over the last 30 days.
create index dispatch_feedback_account on dispatch_feedback (account_id, recorded_at) where kind = 'COMPLAINT';

-- The messages an account handed to the relay recently: the denominator of its complaint rate.
create index dispatch_outbox_handed on dispatch_outbox (account_id, finished_at)
    where channel = 'EMAIL' and state in ('SENT', 'UNKNOWN');

-- A batch (a campaign) whose sending was paused: its rows wait in the queue, no worker claims them, until it
-- is resumed.
create table dispatch_paused_batch (
    batch_id   varchar(100) primary key,
    account_id uuid         not null,
    reason     varchar(200) not null,
    paused_at  timestamptz  not null default now()
);

-- Work that one node at a time does (reading the bounce mailbox): the holder renews its lease while it works;
-- another node takes over once it has run out.
create table dispatch_lease (
    name       varchar(50)  primary key,
    owner      varchar(100) not null,
    expires_at timestamptz  not null
);
