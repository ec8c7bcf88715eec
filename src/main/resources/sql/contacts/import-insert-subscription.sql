insert into contacts_subscription (id, account_id, contact_id, list_id, channel, status, source, subscribed_at,
                                   subscribe_ip, integration, confirmed_at, confirm_ip, updated_at, version)
values (:id, :accountId, :contactId, :listId, :channel, :status, :source, :subscribedAt, null, :integration,
        :confirmedAt, null, :updatedAt, 0)
