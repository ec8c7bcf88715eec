-- The last moment a row can be taken back: only while this node still holds it, with enough lease left for one
-- whole send, and its batch not paused. Once started_at is set, an expired lease means "possibly delivered"
-- (UNKNOWN), never "resend". It changes no indexed column, so with room on the page (V170) it is a HOT update: no
-- index entry. A row that could not start because its batch paused is held back by hold-back-paused.
update dispatch_outbox o
   set started_at = now(), attempts = attempts + 1
 where o.id = :id and o.state = 'SENDING' and o.lease_owner = :node
   and o.lease_expires_at > now() + make_interval(secs => :budgetSeconds)
   and (o.batch_id is null
        or not exists (select 1 from dispatch_paused_batch p where p.batch_id = o.batch_id))
