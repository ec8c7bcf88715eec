-- A node shutting down gives back what it claimed but never started, without waiting for its lease to run out.
update dispatch_outbox
   set state = case when attempts = 0 then 'QUEUED' else 'SOFT_FAIL' end,
       lease_owner = null, lease_expires_at = null
 where state = 'SENDING' and lease_owner = :node and started_at is null
