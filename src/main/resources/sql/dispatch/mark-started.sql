-- The last moment a row can be taken back: only while this node still holds it, with enough lease left for one
-- whole send. Once started_at is set, an expired lease means "possibly delivered" (UNKNOWN), never "resend".
update dispatch_outbox
   set started_at = now(), attempts = attempts + 1
 where id = :id and state = 'SENDING' and lease_owner = :node
   and lease_expires_at > now() + make_interval(secs => :budgetSeconds)
