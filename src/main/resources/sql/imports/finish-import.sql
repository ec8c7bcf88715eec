-- The import ends (DONE or FAILED); its lease and file go.
update imports_import
   set status = :status, failure = :failure, finished_at = now(), lease_owner = null, lease_expires_at = null
 where id = :id and lease_owner = :node and status = 'RUNNING'
