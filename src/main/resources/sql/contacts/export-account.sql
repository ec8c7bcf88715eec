-- Every live contact of an account, one row per subscription (a card without one gives one row without it),
-- with the consent evidence and the sealed values, for an account export. Read through a cursor.
select c.id, c.key_version, c.wrapped_key, c.email_sealed, c.mobile_sealed, c.source as card_source,
       c.mail_rating, c.created_at, c.updated_at, f.fields, p.permission,
       l.key as list, s.channel, s.status, s.source, s.subscribed_at, s.subscribe_ip, s.subscribe_user_agent,
       s.form_key, s.form_version, s.integration, s.consent_text, s.confirmed_at, s.confirm_ip,
       s.confirm_user_agent, s.unsubscribed_at, s.bounced_at
  from contacts_contact c
  left join contacts_subscription s on s.contact_id = c.id
  left join contacts_list l on l.id = s.list_id
  left join lateral (select jsonb_object_agg(name, encode(value_sealed, 'base64')) as fields
                       from contacts_field
                      where contact_id = c.id) f on true
  left join lateral (select case when bool_or(status = 'CONFIRMED') then 'CONFIRMED'
                                 when bool_or(status = 'PENDING') then 'PENDING'
                                 else 'UNSUBSCRIBED' end as permission
                       from contacts_subscription
                      where contact_id = c.id) p on true
 where c.account_id = :accountId
   and c.erased_at is null
 order by c.created_at, c.id, l.key
