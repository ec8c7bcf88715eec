-- The group's next start, shared by all nodes: starts are 1/rate seconds apart (never a burst, even after a
-- quiet hour). Taken only when it is at most :maxWaitSeconds away; answers how long to wait for it.
update dispatch_domain_group
   set next_start_at = greatest(next_start_at, now()) + make_interval(secs => :intervalSeconds)
 where name = :group and next_start_at <= now() + make_interval(secs => :maxWaitSeconds)
returning extract(epoch from (next_start_at - now())) - :intervalSeconds as wait_seconds
