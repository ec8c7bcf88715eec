-- Pauses a batch once; answers the batch when this call paused it.
insert into dispatch_paused_batch (batch_id, account_id, reason)
values (:batchId, :accountId, :reason)
on conflict (batch_id) do nothing
returning batch_id
