-- Every card of a chunk's addresses (live and tombstones), the newest first, by the email blind index.
select id, email_index as address_index, erased_at
  from contacts_contact
 where account_id = :accountId and email_index in (:indexes)
 order by created_at desc, id
