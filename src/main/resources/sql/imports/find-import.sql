select i.id, i.status, l.key as list_key, i.format, i.consent, i.rows_done, i.imported, i.updated, i.unchanged,
       i.rejected, i.failure, i.bytes, i.created_at, i.started_at, i.finished_at, i.total_rows
  from imports_import i
  join contacts_list l on l.id = i.list_id
 where i.id = :id and i.account_id = :accountId
