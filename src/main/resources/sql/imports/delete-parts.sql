delete from imports_upload_part where import_id = :id
