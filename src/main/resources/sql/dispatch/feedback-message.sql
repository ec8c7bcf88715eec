-- The message a report is about: who it went to (by ids) and on which subscription.
select account_id, subscriber_id, subscription_id
  from dispatch_outbox
 where id = :id
