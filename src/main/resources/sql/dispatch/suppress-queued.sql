-- Everything to this person not handed to a relay yet ends SUPPRESSED, its content deleted (the trigger of V170). A claimed row that a
-- worker has not started loses its SENDING state here, so the worker's mark-started finds nothing and skips it.
-- Queued rows are found through dispatch_outbox_pending_person, claimed ones among the few SENDING rows
-- (dispatch_outbox_leased).
update dispatch_outbox
   set state = 'SUPPRESSED', relay_answer = 'suppressed: recipient erased', finished_at = now(),
       lease_expires_at = null
 where id in (select id from dispatch_outbox
               where account_id = :accountId and subscriber_id = :subscriberId and state in ('QUEUED', 'SOFT_FAIL')
              union all
              select id from dispatch_outbox
               where state = 'SENDING' and started_at is null
                 and account_id = :accountId and subscriber_id = :subscriberId)
   and (state in ('QUEUED', 'SOFT_FAIL') or (state = 'SENDING' and started_at is null))
