-- The custom field names that the live contacts of an account (or of one list, when :listId is given) hold.
select distinct f.name
  from contacts_field f
  join contacts_contact c on c.id = f.contact_id
 where c.account_id = :accountId
   and c.erased_at is null
   and (cast(:listId as uuid) is null
        or exists(select 1 from contacts_subscription s where s.contact_id = c.id and s.list_id = cast(:listId as uuid)))
 order by f.name
