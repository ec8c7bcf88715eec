-- How long the group is still backed off, and how far its next start is (seconds; 0 or less: none).
select extract(epoch from (backoff_until - now())) as backoff_seconds,
       extract(epoch from (next_start_at - now())) as next_start_seconds
  from dispatch_domain_group
 where name = :group
