-- A chunk committed: the cursor and the counts move together, and the lease is renewed.
update imports_import
   set rows_done = rows_done + :rows, imported = imported + :imported, updated = updated + :updated,
       unchanged = unchanged + :unchanged, rejected = rejected + :rejected, failed_attempts = 0,
       lease_expires_at = now() + make_interval(secs => :leaseSeconds)
 where id = :id and lease_owner = :node
