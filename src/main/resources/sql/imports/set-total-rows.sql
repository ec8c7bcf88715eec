-- The file's data rows, counted while its rows were stored.
update imports_import set total_rows = :totalRows where id = :id
