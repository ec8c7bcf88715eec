insert into contacts_contact (id, account_id, key_version, wrapped_key, index_version, email_index, email_sealed,
                              mobile_index, mobile_sealed, source, mail_rating, created_at, updated_at, version)
values (:id, :accountId, :keyVersion, :wrappedKey, :indexVersion, :emailIndex, :emailSealed, :mobileIndex,
        :mobileSealed, :source, :mailRating, :createdAt, :updatedAt, 0)
