update imports_import set stored = 'ROWS' where id = :id
