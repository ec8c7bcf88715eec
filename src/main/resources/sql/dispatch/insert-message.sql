insert into dispatch_outbox (id, account_id, subscriber_id, subscription_id, channel, purpose, batch_id, list_id,
                             key_version, sealed_content)
values (:id, :accountId, :subscriberId, :subscriptionId, :channel, :purpose, :batchId, :listId,
        :keyVersion, :sealedContent)
