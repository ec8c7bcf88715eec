-- New cards of an import chunk, streamed with COPY in the chunk's transaction (every value already sealed).
copy contacts_contact (id, account_id, key_version, wrapped_key, index_version, email_index, email_sealed,
                       mobile_index, mobile_sealed, source, mail_rating, created_at, updated_at, version)
from stdin
