-- The oldest erasure whose rows are still to be taken out of uploads, for one node at a time.
select account_id, subscriber_id from imports_erasure order by created_at limit 1 for update skip locked
