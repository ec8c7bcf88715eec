-- An erasure's writes to the card, locked by the caller, in one statement (they were four round trips): its
-- subscriptions keep their list, status, source and the evidence dates and IPs only (no user agent, consent text,
-- form or integration: the audit log proves those without personal data), and a PENDING or CONFIRMED one ends
-- UNSUBSCRIBED, so the erased person is on no list; its behaviour events and custom fields are deleted; the card
-- keeps what Contact.tombstone leaves (the blind indexes, no data key, no sealed value). Each part runs to
-- completion whether or not anything reads it. No row updated: the card's version moved (the caller rolls back).
with erased_subscriptions as (
    update contacts_subscription
       set status = case when status in ('PENDING', 'CONFIRMED') then 'UNSUBSCRIBED' else status end,
           unsubscribed_at = case when status in ('PENDING', 'CONFIRMED') then :now else unsubscribed_at end,
           subscribe_user_agent = null, form_key = null, form_version = null, integration = null,
           consent_text = null, confirm_user_agent = null, updated_at = :now, version = version + 1
     where contact_id = :id
),
deleted_events as (
    delete from contacts_event where contact_id = :id
),
deleted_fields as (
    delete from contacts_field where contact_id = :id
)
update contacts_contact
   set wrapped_key = :wrappedKey, email_index = :emailIndex, email_sealed = :emailSealed,
       mobile_index = :mobileIndex, mobile_sealed = :mobileSealed, updated_at = :updatedAt,
       erased_at = :erasedAt, version = version + 1
 where id = :id
   and version = :version
