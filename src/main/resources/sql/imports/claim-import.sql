-- Claims the oldest import that is waiting, or whose node's lease ran out (it died or hung), for one node. SKIP
-- LOCKED lets several nodes claim at once without waiting for each other; the lease says until when it is this
-- node's. The cursor (rows_done) stays: the new owner resumes after the last committed chunk.
update imports_import i
   set status = 'RUNNING', lease_owner = :node, lease_expires_at = now() + make_interval(secs => :leaseSeconds),
       started_at = coalesce(i.started_at, now())
 where i.id = (select id from imports_import
                where status = 'QUEUED' or (status = 'RUNNING' and lease_expires_at < now())
                order by created_at
                limit 1
                  for update skip locked)
returning i.id, i.account_id, i.list_id, (select l.key from contacts_list l where l.id = i.list_id) as list_key,
          i.format, i.consent, i.key_id, i.key_role, i.rows_done, i.created_at, i.stored
