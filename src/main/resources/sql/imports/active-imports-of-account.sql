-- The account's imports that still hold an upload: waiting or running.
select id from imports_import where account_id = :accountId and status in ('QUEUED', 'RUNNING') order by created_at
