-- An account's lists with their subscriptions counted by channel and status (a list without any has one row of nulls).
select l.key, l.name, l.brand, s.channel, s.status, count(s.id) as subscriptions
from contacts_list l
         left join contacts_subscription s on s.list_id = l.id
where l.account_id = :account
group by l.key, l.name, l.brand, s.channel, s.status
order by l.key
