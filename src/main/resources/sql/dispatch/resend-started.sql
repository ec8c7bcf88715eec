-- Confirmations of a node that died (or hung past its lease) after it had started sending them: the relay may
-- or may not have taken them, and a second copy of the same link is harmless where a missing one loses the
-- signup, so they are due again at once, as after a soft failure; after as many attempts as a soft failure gets,
-- they end UNKNOWN like list mail.
update dispatch_outbox o
   set state = case when o.attempts > :retries then 'UNKNOWN' else 'SOFT_FAIL' end,
       next_attempt_at = now(), lease_owner = null, lease_expires_at = null, started_at = null,
       finished_at = case when o.attempts > :retries then now() end,
       sealed_content = case when o.attempts > :retries then null else o.sealed_content end,
       relay_answer = 'lease of ' || coalesce(o.lease_owner, '?') || ' expired while sending: '
           || case when o.attempts > :retries then 'possibly delivered, not sent again' else 'sent again' end
 where o.id in (select id from dispatch_outbox
                 where state = 'SENDING' and lease_expires_at < now() and started_at is not null
                   and purpose in ('CONFIRMATION', 'CONFIRMATION_REMINDER')
                   for update skip locked)
