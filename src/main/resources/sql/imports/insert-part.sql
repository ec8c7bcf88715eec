insert into imports_upload_part (import_id, seq, key_version, sealed) values (:id, :seq, :keyVersion, :sealed)
