-- The waiting rows of a paused batch leave the front of the queue, so the workers' claim does not step over
-- them on every poll.
update dispatch_outbox
   set next_attempt_at = 'infinity'
 where batch_id = :batchId and account_id = :accountId and state in ('QUEUED', 'SOFT_FAIL')
