insert into imports_rejection (import_id, row_no, field, reason) values (:id, :row, :field, :reason)
