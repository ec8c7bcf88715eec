-- The last moment a row can be taken back: only while this node still holds it, with enough lease left for one
-- whole send, and its batch not paused. Once started_at is set, an expired lease means "possibly delivered"
-- (UNKNOWN), never "resend". It changes no indexed column, so with room on the page (V170) it is a HOT update: no
-- index entry. A row that could not start because its batch paused is held back by hold-back-paused.
-- Many rows at once, the ones the node's mail threads are about to send (VALUES_ROWS is (id, budget seconds) per
-- row): each thread still waits for this commit before it sends, but one statement, one commit and one firing of
-- the outbox's statement triggers serve them all. Answers the ids that started.
update dispatch_outbox o
   set started_at = now(), attempts = o.attempts + 1
  from (values VALUES_ROWS) as v (id, budget)
 where o.id = v.id and o.state = 'SENDING' and o.lease_owner = ?
   and o.lease_expires_at > now() + make_interval(secs => v.budget)
   and (o.batch_id is null
        or not exists (select 1 from dispatch_paused_batch p where p.batch_id = o.batch_id))
returning o.id
