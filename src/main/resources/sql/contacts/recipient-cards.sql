-- A page of a campaign's recipients with their cards as stored, in one statement (the cards' custom fields come
-- from recipient-fields, also one statement a page): the confirmed e-mail subscriptions among :ids and the card of
-- each.
select s.id as subscription_id, c.id, c.account_id, c.key_version, c.wrapped_key, c.index_version, c.email_index,
       c.email_sealed, c.mobile_index, c.mobile_sealed, c.source, c.mail_rating, c.created_at, c.updated_at,
       c.erased_at, c.version
  from contacts_subscription s
  join contacts_contact c on c.id = s.contact_id
 where s.account_id = :account and s.status = 'CONFIRMED' and s.channel = 'EMAIL' and s.id in (:ids)
