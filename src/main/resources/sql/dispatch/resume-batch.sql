-- Resumes a paused batch of the account; answers the batch when it was paused.
delete from dispatch_paused_batch
 where batch_id = :batchId and account_id = :accountId
returning batch_id
