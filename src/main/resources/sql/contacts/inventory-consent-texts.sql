-- The distinct consent texts behind each list's subscriptions, the most used first. Through the account's lists
-- (contacts_subscription_audience leads with list_id): subscriptions have no index by account alone (V245).
select l.key, s.consent_text, count(*) as subscriptions
from contacts_list l
         join contacts_subscription s on s.list_id = l.id
where l.account_id = :account
  and s.account_id = :account
  and s.consent_text is not null
group by l.key, s.consent_text
order by l.key, subscriptions desc, s.consent_text
