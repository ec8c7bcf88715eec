-- A new card and its sealed fields in one statement and one round trip (a signup's card; V11). The aggregate's
-- save rendered the same two inserts on every call: 43 % of a form post's CPU went into such rendering.
-- :fieldNames and :fieldValues are parallel arrays (empty for a card without fields).
with card as (
    insert into contacts_contact (id, account_id, key_version, wrapped_key, index_version, email_index, email_sealed,
                                  mobile_index, mobile_sealed, source, mail_rating, created_at, updated_at, version)
    values (:id, :accountId, :keyVersion, :wrappedKey, :indexVersion, :emailIndex, :emailSealed, :mobileIndex,
            :mobileSealed, :source, :mailRating, :createdAt, :updatedAt, 0)
)
insert into contacts_field (contact_id, name, value_sealed)
select :id, field.name, field.value_sealed
  from unnest(cast(:fieldNames as varchar[]), cast(:fieldValues as bytea[])) as field (name, value_sealed)
