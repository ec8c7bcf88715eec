-- A batch's messages handed to the relay, and the distinct messages of it that bounced (refused by the relay
-- with a 5xx, or reported later) or drew a complaint. Messages that ledger retention removed count from their
-- retired batch (handed) and from dispatch_feedback, where their refusals went (hard bounces).
select (select count(*) from dispatch_outbox
         where batch_id = :batchId and state in ('SENT', 'UNKNOWN', 'HARD_FAIL'))
       + coalesce((select sent + unknown + hard_failed from dispatch_retired_batch where batch_id = :batchId), 0)
           as handed,
       (select count(*) from (select id from dispatch_outbox where batch_id = :batchId and state = 'HARD_FAIL'
                              union
                              select message_id from dispatch_feedback
                               where batch_id = :batchId and kind = 'HARD_BOUNCE') b) as hard_bounces,
       (select count(distinct message_id) from dispatch_feedback
         where batch_id = :batchId and kind = 'SOFT_BOUNCE') as soft_bounces,
       (select count(distinct message_id) from dispatch_feedback
         where batch_id = :batchId and kind = 'COMPLAINT') as complaints,
       exists (select 1 from dispatch_paused_batch where batch_id = :batchId) as paused
