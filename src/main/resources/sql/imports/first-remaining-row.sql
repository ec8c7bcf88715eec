-- The first row of the parts an import still has to do (where a failing chunk starts), or null.
select min(first_row) from imports_upload_part where import_id = :id and seq > 0
