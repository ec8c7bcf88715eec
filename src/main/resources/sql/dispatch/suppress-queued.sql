-- Everything to this person not handed to a relay yet ends SUPPRESSED, content deleted. A claimed row that a
-- worker has not started loses its SENDING state here, so the worker's mark-started finds nothing and skips it.
update dispatch_outbox
   set state = 'SUPPRESSED', relay_answer = 'suppressed: recipient erased', finished_at = now(),
       lease_expires_at = null, sealed_content = null
 where account_id = :accountId and subscriber_id = :subscriberId
   and (state in ('QUEUED', 'SOFT_FAIL') or (state = 'SENDING' and started_at is null))
