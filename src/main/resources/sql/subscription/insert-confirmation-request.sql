-- The request that waits for a person's click, written out instead of the aggregate's insert (V150).
insert into subscription_confirmation_request (process_instance_id, purpose, request_id, account_id, subscriber_id,
                                               subscription_id, tombstone_id, resubscription_id, list_key, channel,
                                               state, created_at, last_requested_at)
values (:processInstanceId, :purpose, :requestId, :accountId, :subscriberId, :subscriptionId, :tombstoneId,
        :resubscriptionId, :listKey, :channel, :state, :createdAt, :lastRequestedAt)
