-- Rows of a node that died (or hung past its lease) after it had started sending them: the relay may have
-- taken them, so list mail ends UNKNOWN instead of being sent a second time (confirmations: resend-started).
update dispatch_outbox o
   set state = 'UNKNOWN', finished_at = now(), lease_expires_at = null, sealed_content = null,
       relay_answer = 'lease of ' || coalesce(o.lease_owner, '?') || ' expired while sending: possibly delivered'
 where o.id in (select id from dispatch_outbox
                 where state = 'SENDING' and lease_expires_at < now() and started_at is not null
                   and purpose not in ('CONFIRMATION', 'CONFIRMATION_REMINDER')
                   for update skip locked)
