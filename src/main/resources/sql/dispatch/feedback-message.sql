-- The message a feedback event names, with what the rules need; nothing when it is not one of ours. A message that
-- ledger retention removed from the outbox is found in the person's history, which keeps the same ids (a bounce or
-- complaint may come weeks later); a message of an erased person is in neither.
select id, account_id, subscriber_id, subscription_id, batch_id, channel
  from dispatch_outbox
 where id = :messageId
union all
select message_id, account_id, subscriber_id, subscription_id, batch_id, channel
  from dispatch_delivery
 where message_id = :messageId
   and not exists (select 1 from dispatch_outbox where id = :messageId)
