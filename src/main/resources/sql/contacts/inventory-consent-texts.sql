-- The distinct consent texts behind each list's subscriptions, the most used first.
select l.key, s.consent_text, count(*) as subscriptions
from contacts_subscription s
         join contacts_list l on l.id = s.list_id
where s.account_id = :account
  and s.consent_text is not null
group by l.key, s.consent_text
order by l.key, subscriptions desc, s.consent_text
