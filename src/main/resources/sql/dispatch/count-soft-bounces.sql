-- Distinct messages of one subscription reported as soft bounces since a moment: a provider that reports the
-- same delayed message three times has still bounced one message.
select count(distinct message_id)
  from dispatch_feedback
 where subscription_id = :subscriptionId and kind = 'SOFT_BOUNCE' and occurred_at >= :since
