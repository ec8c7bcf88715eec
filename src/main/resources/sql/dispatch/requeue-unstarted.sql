-- Rows of a node that died (or hung past its lease) before it contacted the relay for them: never sent, so
-- they go back to the queue as they were.
update dispatch_outbox o
   set state = case when o.attempts = 0 then 'QUEUED' else 'SOFT_FAIL' end,
       lease_owner = null, lease_expires_at = null
 where o.id in (select id from dispatch_outbox
                 where state = 'SENDING' and lease_expires_at < now() and started_at is null
                   for update skip locked)
