-- The sealed custom fields of a card found by its address (Cards.all), read for each card found.
select name, value_sealed from contacts_field where contact_id = :contactId
