-- A chunk's part, locked until the chunk's transaction ends; nothing when another node committed it already.
select 1 from imports_upload_part where import_id = :id and seq = :seq for update
