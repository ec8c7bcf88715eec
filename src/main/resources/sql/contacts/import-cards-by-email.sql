-- Every card of a chunk's addresses (live and tombstones), the newest first, by the email blind index.
-- In two parts, so each uses its own partial index (the live cards' unique one and the tombstones'; V245). The
-- indexes go as one array: one parameter and one plan for any chunk, not a parameter for each address in each part.
select id, email_index as address_index, erased_at, created_at
  from contacts_contact
 where account_id = :accountId and email_index = any(cast(:indexes as bytea[])) and erased_at is null
union all
select id, email_index as address_index, erased_at, created_at
  from contacts_contact
 where account_id = :accountId and email_index = any(cast(:indexes as bytea[])) and erased_at is not null
 order by created_at desc, id
