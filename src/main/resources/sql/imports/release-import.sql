-- A stopping node gives its import back at once, for any node to resume.
update imports_import set lease_expires_at = now() where id = :id and lease_owner = :node and status = 'RUNNING'
