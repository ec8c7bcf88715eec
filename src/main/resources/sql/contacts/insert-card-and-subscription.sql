-- A signup's new card, its sealed fields and its pending subscription in one statement and one round trip: a new
-- person's signup wrote the card (insert-card.sql) and then the subscription (insert-subscription.sql) in two.
-- The subscription's foreign key to the card is checked at the statement's end, when the card is there.
-- :fieldNames and :fieldValues are parallel arrays (empty for a card without fields).
with card as (
    insert into contacts_contact (id, account_id, key_version, wrapped_key, index_version, email_index, email_sealed,
                                  mobile_index, mobile_sealed, source, mail_rating, created_at, updated_at, version)
    values (:id, :accountId, :keyVersion, :wrappedKey, :indexVersion, :emailIndex, :emailSealed, :mobileIndex,
            :mobileSealed, :source, :mailRating, :createdAt, :updatedAt, 0)
), fields as (
    insert into contacts_field (contact_id, name, value_sealed)
    select :id, field.name, field.value_sealed
      from unnest(cast(:fieldNames as varchar[]), cast(:fieldValues as bytea[])) as field (name, value_sealed)
)
insert into contacts_subscription (id, account_id, contact_id, list_id, channel, status, source, subscribed_at,
                                   subscribe_ip, subscribe_user_agent, form_key, form_version, integration,
                                   consent_text, confirmed_at, confirm_ip, confirm_user_agent, updated_at, version)
values (:subscriptionId, :subscriptionAccountId, :contactId, :listId, :channel, :status, :subscriptionSource,
        :subscribedAt, :subscribeIp, :subscribeUserAgent, :formKey, :formVersion, :integration, :consentText,
        :confirmedAt, :confirmIp, :confirmUserAgent, :subscriptionUpdatedAt, 0)
