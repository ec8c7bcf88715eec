-- Ledger retention (README "Retention"): once a batch (a campaign) has been final for the retention period, its
-- messages leave the outbox. Their counts by final state are added here by the same statement that deletes them, so
-- the batch's ledger and its rates read the same before, during and after the removal. The relay's refusals
-- (HARD_FAIL) of the removed messages become dispatch_feedback rows (source 'smtp') in that statement too, so a
-- campaign's distinct hard bounces are still counted once each. Counts only: no person, no message.
create table dispatch_retired_batch (
    batch_id    varchar(100) primary key,
    account_id  uuid         not null,
    sent        bigint       not null default 0,
    hard_failed bigint       not null default 0,
    suppressed  bigint       not null default 0,
    expired     bigint       not null default 0,
    unknown     bigint       not null default 0,
    updated_at  timestamptz  not null default now()
);

-- Single messages (no batch: confirmations, welcome and automation mail) leave the outbox once final for the
-- retention period; the person's history keeps them (dispatch_delivery).
create index dispatch_outbox_single_finished on dispatch_outbox (finished_at)
    where batch_id is null and state in ('SENT', 'HARD_FAIL', 'SUPPRESSED', 'EXPIRED', 'UNKNOWN');
