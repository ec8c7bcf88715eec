-- Every behaviour event of one card, oldest first, for the person's export (read through a cursor).
select id, type, at, campaign, details_sealed
  from contacts_event
 where contact_id = :contactId
   and account_id = :accountId
 order by at, id
