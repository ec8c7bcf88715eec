-- The blind indexes an erased person's tombstone keeps, to recognise their address where another module still
-- holds it (an import's upload).
select email_index, mobile_index
  from contacts_contact
 where id = :id and account_id = :accountId and erased_at is not null
