-- The subscriptions of one card with their list keys and consent evidence, as the card shows them.
select l.key          as list,
       s.channel,
       s.status,
       s.subscribed_at,
       s.subscribe_ip,
       s.confirmed_at,
       s.confirm_ip
  from contacts_subscription s
  join contacts_list l on l.id = s.list_id
 where s.contact_id = :contactId
   and s.account_id = :accountId
 order by s.subscribed_at, l.key
