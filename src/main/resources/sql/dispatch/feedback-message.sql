-- The message a feedback event names, with what the rules need; nothing when it is not one of ours.
select id, account_id, subscriber_id, subscription_id, batch_id, channel
  from dispatch_outbox
 where id = :messageId
