-- A claimed row that did not start because its batch paused since the claim goes back to the queue, waiting
-- (next_attempt_at infinity, as hold-paused leaves the batch's other rows) until the batch is resumed.
update dispatch_outbox o
   set state = 'QUEUED', lease_owner = null, lease_expires_at = null, next_attempt_at = 'infinity'
 where o.id = :id and o.state = 'SENDING' and o.lease_owner = :node and o.started_at is null
   and o.batch_id is not null
   and exists (select 1 from dispatch_paused_batch p where p.batch_id = o.batch_id)
