-- An import whose upload is still stored as the file's bytes (from before rows were stored), locked while it is
-- converted; nothing when it is stored as rows already.
select format, rows_done from imports_import where id = :id and stored = 'FILE' for update
