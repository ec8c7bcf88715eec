-- A person's sent-mail history, newest first, at most :limit rows (the card shows the newest few, the timeline and
-- the export all of them).
select message_id, subscription_id, channel, purpose, batch_id, state, attempts, queued_at, finished_at, answer
  from dispatch_delivery
 where account_id = :accountId and subscriber_id = :subscriberId
 order by finished_at desc, message_id
 limit :limit
