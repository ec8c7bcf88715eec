-- One report, once: the same (source, event id) again inserts nothing and answers no row.
insert into dispatch_feedback (source, event_id, message_id, account_id, subscriber_id, subscription_id, batch_id,
                               kind, diagnostic, occurred_at)
values (:source, :eventId, :messageId, :accountId, :subscriberId, :subscriptionId, :batchId, :kind, :diagnostic,
        :occurredAt)
on conflict (source, event_id) do nothing
returning message_id
