-- A batch's messages handed to the relay, and the distinct messages of it that bounced (refused by the relay
-- with a 5xx, or reported later) or drew a complaint. Messages that ledger retention removed count from their
-- retired batch (handed) and from dispatch_feedback, where their refusals went (hard bounces). The outbox's part
-- comes from the counts its triggers keep (V180), so the read does not grow with the batch: the feedback rows
-- are read (as many as reports came), the outbox only for the few messages reported as hard bounces.
select (select coalesce(sum(messages), 0) from dispatch_batch_count
         where batch_id = :batchId and state in ('SENT', 'UNKNOWN', 'HARD_FAIL'))
       + coalesce((select sent + unknown + hard_failed from dispatch_retired_batch where batch_id = :batchId), 0)
           as handed,
       (select coalesce(sum(messages), 0) from dispatch_batch_count
         where batch_id = :batchId and state = 'HARD_FAIL')
       + (select count(distinct f.message_id) from dispatch_feedback f
           where f.batch_id = :batchId and f.kind = 'HARD_BOUNCE'
             and not exists (select 1 from dispatch_outbox o where o.id = f.message_id and o.state = 'HARD_FAIL'))
           as hard_bounces,
       (select count(distinct message_id) from dispatch_feedback
         where batch_id = :batchId and kind = 'SOFT_BOUNCE') as soft_bounces,
       (select count(distinct message_id) from dispatch_feedback
         where batch_id = :batchId and kind = 'COMPLAINT') as complaints,
       exists (select 1 from dispatch_paused_batch where batch_id = :batchId) as paused
