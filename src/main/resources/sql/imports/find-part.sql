select key_version, sealed from imports_upload_part where import_id = :id and seq = :seq
