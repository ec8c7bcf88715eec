-- The cursor of an import this node still holds, its row locked until the chunk's transaction ends; nothing when
-- the lease went to another node.
select rows_done from imports_import
 where id = :id and lease_owner = :node and status = 'RUNNING'
   for update
