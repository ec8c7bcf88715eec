-- A new subscription (a signup's pending one), written out instead of the aggregate's insert (V12).
insert into contacts_subscription (id, account_id, contact_id, list_id, channel, status, source, subscribed_at,
                                   subscribe_ip, subscribe_user_agent, form_key, form_version, integration,
                                   consent_text, confirmed_at, confirm_ip, confirm_user_agent, updated_at, version)
values (:id, :accountId, :contactId, :listId, :channel, :status, :source, :subscribedAt, :subscribeIp,
        :subscribeUserAgent, :formKey, :formVersion, :integration, :consentText, :confirmedAt, :confirmIp,
        :confirmUserAgent, :updatedAt, 0)
