-- The parts of rows an import still has to do (part 0 is the header row), in the file's order.
select seq, first_row, row_count from imports_upload_part where import_id = :id and seq > 0 order by seq
