-- Every card of a chunk's mobile numbers (live and tombstones), the newest first, by the mobile blind index.
select id, mobile_index as address_index, erased_at
  from contacts_contact
 where account_id = :accountId and mobile_index in (:indexes)
 order by created_at desc, id
