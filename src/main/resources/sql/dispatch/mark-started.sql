-- The last moment a row can be taken back: only while this node still holds it, with enough lease left for one
-- whole send. Once started_at is set, an expired lease means "possibly delivered" (UNKNOWN), never "resend".
-- A row whose batch paused since it was claimed is not started: it goes back to the queue, waiting (the first
-- part); the two parts exclude each other, so one statement changes the row at most once.
with held_back as (
    update dispatch_outbox o
       set state = 'QUEUED', lease_owner = null, lease_expires_at = null, next_attempt_at = 'infinity'
     where o.id = :id and o.state = 'SENDING' and o.lease_owner = :node and o.batch_id is not null
       and exists (select 1 from dispatch_paused_batch p where p.batch_id = o.batch_id)
    returning o.id
)
update dispatch_outbox o
   set started_at = now(), attempts = attempts + 1
 where o.id = :id and o.state = 'SENDING' and o.lease_owner = :node
   and o.lease_expires_at > now() + make_interval(secs => :budgetSeconds)
   and (o.batch_id is null
        or not exists (select 1 from dispatch_paused_batch p where p.batch_id = o.batch_id))
