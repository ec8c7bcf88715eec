-- An attempt at the import's next chunk failed: count it and give the import back after a pause that doubles
-- with every failure in a row, for this or another node to try again (the cursor stays where it was).
update imports_import
   set failed_attempts = failed_attempts + 1,
       lease_expires_at = now() + make_interval(secs => :pauseSeconds * power(2, failed_attempts))
 where id = :id and lease_owner = :node and status = 'RUNNING'
returning failed_attempts
