-- Every subscription of one card with all of its consent evidence, for the person's export.
select l.key as list, s.channel, s.status, s.source, s.subscribed_at, s.subscribe_ip, s.subscribe_user_agent,
       s.form_key, s.form_version, s.integration, s.consent_text, s.confirmed_at, s.confirm_ip,
       s.confirm_user_agent, s.unsubscribed_at, s.bounced_at
  from contacts_subscription s
  join contacts_list l on l.id = s.list_id
 where s.contact_id = :contactId
   and s.account_id = :accountId
 order by s.subscribed_at, l.key
