-- A card's permission in one statement: whether it is erased, and the status of each of its subscriptions (one row
-- for a card without any, with a null status). No row: the account has no such card.
select c.erased_at is not null as erased,
       s.status
  from contacts_contact c
  left join contacts_subscription s on s.contact_id = c.id
 where c.id = :id
   and c.account_id = :accountId
