-- A part sealed anew with other rows (an erasure took a person's rows out of it).
update imports_upload_part set key_version = :keyVersion, sealed = :sealed where import_id = :id and seq = :seq
