-- Final states of many rows at once, each only while this node still holds it (a node that lost its lease never
-- overwrites what another node or the recovery decided). The sealed content goes with it (the trigger of V170), so
-- no personal data stays behind. VALUES_ROWS is (id, state, answer) per row.
update dispatch_outbox o
   set state = v.state, relay_answer = v.answer, finished_at = now(), lease_expires_at = null
  from (values VALUES_ROWS) as v (id, state, answer)
 where o.id = v.id and o.state = 'SENDING' and o.lease_owner = ?
returning o.id
