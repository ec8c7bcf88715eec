update dispatch_outbox
   set state = 'SOFT_FAIL', relay_answer = :answer, next_attempt_at = now() + make_interval(secs => :delaySeconds),
       lease_expires_at = null, started_at = null
 where id = :id and state = 'SENDING' and lease_owner = :node
