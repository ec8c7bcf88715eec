-- The card an erasure opens to take its addresses' locks: the row alone, without its custom fields (the erasure
-- deletes them unread).
select id, account_id, key_version, wrapped_key, index_version, email_index, email_sealed, mobile_index,
       mobile_sealed, source, mail_rating, created_at, updated_at, erased_at, version
  from contacts_contact
 where id = :id
   and account_id = :accountId
