-- Rows whose lease ran out after their node had started sending them and before the relay's answer was recorded:
-- the relay may or may not have taken them. List mail ends UNKNOWN and is never sent a second time. A purpose sent
-- again when uncertain (:resent, the confirmations: a second copy of the same link is harmless, a missing one loses
-- the signup) is due again at once, as after a soft failure, until it has had as many attempts as a soft failure
-- gets. The answer says whose lease it was: another node's (it stopped, died or hung, during the send or with the
-- relay's answer not yet recorded) or the recovering node's own (:node: alive, but its send or the record of its
-- answer outlasted the lease, as on an overloaded machine). The recovering node's rows whose answer it has and is
-- about to record (:unrecorded) are not touched: "possibly delivered" would be untrue of them.
update dispatch_outbox o
   set state = case when r.resend then 'SOFT_FAIL' else 'UNKNOWN' end,
       next_attempt_at = case when r.resend then now() else o.next_attempt_at end,
       started_at = case when r.resend then null else o.started_at end,
       finished_at = case when r.resend then null else now() end,
       lease_owner = case when r.resend then null else o.lease_owner end,
       lease_expires_at = null,
       relay_answer = case when o.lease_owner = :node
                           then 'own lease of ' || o.lease_owner || ' ran out before the relay''s answer was '
                                || 'recorded (this node was slower than its lease): '
                           else 'lease of ' || coalesce(o.lease_owner, '?') || ' ran out before the relay''s '
                                || 'answer was recorded (that node stopped, died or hung): ' end
           || case when r.resend then 'sent again' else 'possibly delivered' end
  from (select id, purpose in (:resent) and attempts <= :retries as resend
          from dispatch_outbox
         where state = 'SENDING' and lease_expires_at < now() and started_at is not null
           and not (id = any (cast(:unrecorded as uuid[])))
           for update skip locked) r
 where o.id = r.id
returning o.state
