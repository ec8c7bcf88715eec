-- The kinds of behaviour the account has recorded (opens, clicks, field updates, places).
select distinct type
from contacts_event
where account_id = :account
order by type
