-- Counts one signup against both of its limits in one statement (autocommit: one round trip, no transaction of
-- its own to begin and commit): the client IP's window, and only when that one is not over its limit the
-- address's, so a signup refused for its IP does not count for its address. Each counter starts a new window
-- when its old one is over. The IP's row is written first and is the hot one; it is locked only for this
-- statement. The answer has no address columns when the address was not counted.
-- Its commit does not wait for the WAL to reach the disk (synchronous_commit off for this statement's own implicit
-- transaction only, :alone; within a caller's transaction it leaves the setting as it is, since it would then hold
-- for everything that transaction commits): one flush less per form post. What that can lose is counts
-- committed in the last fraction of a second (at most three wal_writer_delay, 600 ms by default) before PostgreSQL
-- itself or its machine crashes, never a signup: a limit then lets that many more posts through after the crash.
-- A signup that commits after its count flushes the count's WAL with its own.
with ip as (
    insert into subscription_rate_limit as r (bucket, window_start, hits) values (:ipBucket, :now, 1)
    on conflict (bucket) do update set
      hits = case when r.window_start <= :ipWindowStartedBefore then 1 else r.hits + 1 end,
      window_start = case when r.window_start <= :ipWindowStartedBefore then :now else r.window_start end
    returning hits, window_start
), address as (
    insert into subscription_rate_limit as r (bucket, window_start, hits)
    select :addressBucket, :now, 1 from ip where ip.hits <= :ipLimit
    on conflict (bucket) do update set
      hits = case when r.window_start <= :addressWindowStartedBefore then 1 else r.hits + 1 end,
      window_start = case when r.window_start <= :addressWindowStartedBefore then :now else r.window_start end
    returning hits, window_start
)
select set_config('synchronous_commit', case when :alone then 'off' else current_setting('synchronous_commit') end,
                  true) as commit_setting,
       ip.hits as ip_hits, ip.window_start as ip_window_start,
       address.hits as address_hits, address.window_start as address_window_start
  from ip left join address on true
