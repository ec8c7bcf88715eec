-- A final state: the sealed content goes, so no personal data stays behind.
update dispatch_outbox
   set state = :state, relay_answer = :answer, finished_at = now(), lease_expires_at = null, sealed_content = null
 where id = :id and state = 'SENDING' and lease_owner = :node
