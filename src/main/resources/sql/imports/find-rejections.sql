select row_no, field, reason from imports_rejection
 where import_id = :id and row_no > :afterRow
 order by row_no
 limit :limit
