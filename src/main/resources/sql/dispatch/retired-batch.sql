-- What ledger retention removed of one batch, and how many of its messages are still in the outbox: the ones not
-- on their way through the batch's index, the few SENDING ones (which that index leaves out, V335) through the
-- index of every SENDING row.
select coalesce((select sent + hard_failed + suppressed + expired + unknown
                   from dispatch_retired_batch where batch_id = :batchId), 0) as removed,
       (select count(*) from dispatch_outbox
         where batch_id = :batchId
           and state in ('QUEUED', 'SOFT_FAIL', 'SENT', 'HARD_FAIL', 'SUPPRESSED', 'EXPIRED', 'UNKNOWN'))
       + (select count(*) from dispatch_outbox where state = 'SENDING' and batch_id = :batchId) as kept
