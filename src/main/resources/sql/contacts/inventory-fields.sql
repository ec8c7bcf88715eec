-- The custom field names set on the account's live cards, with how many cards carry each (names only, never values).
select f.name, count(*) as cards
from contacts_field f
         join contacts_contact c on c.id = f.contact_id
where c.account_id = :account
  and c.erased_at is null
group by f.name
order by f.name
