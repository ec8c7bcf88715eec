-- Ledger retention: removes up to :limit final messages of one batch whose statistics are final. In the same
-- statement their counts by state are added to the batch's retired row and the relay's refusals among them
-- (HARD_FAIL) become feedback rows, so the ledger and the bounce counts read the same at every commit. Answers how
-- many messages went.
with gone as (
    delete from dispatch_outbox
     where id in (select id from dispatch_outbox
                   where batch_id = :batchId and account_id = :accountId
                     and state in ('SENT', 'HARD_FAIL', 'SUPPRESSED', 'EXPIRED', 'UNKNOWN')
                   limit :limit)
    returning id, account_id, subscriber_id, subscription_id, batch_id, state, relay_answer, created_at, finished_at
), refused as (
    insert into dispatch_feedback (source, event_id, message_id, account_id, subscriber_id, subscription_id,
                                   batch_id, kind, diagnostic, occurred_at)
    select 'smtp', id::text, id, account_id, subscriber_id, subscription_id, batch_id, 'HARD_BOUNCE',
           left(relay_answer, 200), coalesce(finished_at, created_at)
      from gone
     where state = 'HARD_FAIL'
    on conflict (source, event_id) do nothing
), counted as (
    insert into dispatch_retired_batch as r (batch_id, account_id, sent, hard_failed, suppressed, expired, unknown)
    select :batchId, :accountId,
           count(*) filter (where state = 'SENT'), count(*) filter (where state = 'HARD_FAIL'),
           count(*) filter (where state = 'SUPPRESSED'), count(*) filter (where state = 'EXPIRED'),
           count(*) filter (where state = 'UNKNOWN')
      from gone
    having count(*) > 0
    on conflict (batch_id) do update
       set sent = r.sent + excluded.sent, hard_failed = r.hard_failed + excluded.hard_failed,
           suppressed = r.suppressed + excluded.suppressed, expired = r.expired + excluded.expired,
           unknown = r.unknown + excluded.unknown, updated_at = now()
)
select count(*) from gone
