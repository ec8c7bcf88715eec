-- One message: its row, and its sealed content in the table of its own (V170).
with message as (
    insert into dispatch_outbox (id, account_id, subscriber_id, subscription_id, channel, purpose, batch_id, list_id,
                                 key_version)
    values (:id, :accountId, :subscriberId, :subscriptionId, :channel, :purpose, :batchId, :listId, :keyVersion)
)
insert into dispatch_outbox_content (message_id, sealed)
values (:id, :sealedContent)
