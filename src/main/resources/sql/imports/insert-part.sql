insert into imports_upload_part (import_id, seq, key_version, sealed, first_row, row_count)
values (:id, :seq, :keyVersion, :sealed, :firstRow, :rowCount)
