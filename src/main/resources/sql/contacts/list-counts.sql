-- The lists of an account (or the one list :listKey, when it is given) with their subscriptions counted by status.
select l.key, l.name, l.brand, l.created_at,
       count(s.id) filter (where s.status = 'PENDING')      as pending,
       count(s.id) filter (where s.status = 'CONFIRMED')    as confirmed,
       count(s.id) filter (where s.status = 'UNSUBSCRIBED') as unsubscribed,
       count(s.id) filter (where s.status = 'BOUNCED')      as bounced
  from contacts_list l
  left join contacts_subscription s on s.list_id = l.id
 where l.account_id = :accountId
   and (cast(:listKey as varchar) is null or l.key = cast(:listKey as varchar))
 group by l.id
 order by l.key
