-- The sealed custom fields of the cards of recipient-cards' page, in one statement.
select f.contact_id, f.name, f.value_sealed
  from contacts_subscription s
  join contacts_field f on f.contact_id = s.contact_id
 where s.account_id = :account and s.status = 'CONFIRMED' and s.channel = 'EMAIL' and s.id in (:ids)
