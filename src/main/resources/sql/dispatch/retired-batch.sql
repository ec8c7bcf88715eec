-- What ledger retention removed of one batch, and how many of its messages are still in the outbox.
select coalesce((select sent + hard_failed + suppressed + expired + unknown
                   from dispatch_retired_batch where batch_id = :batchId), 0) as removed,
       (select count(*) from dispatch_outbox where batch_id = :batchId) as kept
