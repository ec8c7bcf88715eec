-- The subscriptions of a chunk's known cards to the import's list.
select contact_id, status
  from contacts_subscription
 where list_id = :listId and contact_id = any(cast(:contactIds as uuid[]))
