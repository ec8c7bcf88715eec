-- A claimed row that may not start yet (its domain group is busy or backed off) goes back to the queue, due
-- later, without counting as an attempt.
update dispatch_outbox
   set state = case when attempts = 0 then 'QUEUED' else 'SOFT_FAIL' end,
       next_attempt_at = now() + make_interval(secs => :delaySeconds),
       lease_owner = null, lease_expires_at = null
 where id = :id and state = 'SENDING' and lease_owner = :node and started_at is null
