-- A chunk's rows are committed: its part goes in the same transaction.
delete from imports_upload_part where import_id = :id and seq = :seq
