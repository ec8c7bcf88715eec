-- A part of an upload, its row locked until the transaction ends (an erasure rewriting it, a chunk committing it).
select key_version, sealed from imports_upload_part where import_id = :id and seq = :seq for update
