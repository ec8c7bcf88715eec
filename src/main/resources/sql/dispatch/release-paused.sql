-- The waiting rows of a resumed batch are due again, in the order they were enqueued.
update dispatch_outbox
   set next_attempt_at = created_at
 where batch_id = :batchId and account_id = :accountId and state in ('QUEUED', 'SOFT_FAIL')
   and next_attempt_at = 'infinity'
