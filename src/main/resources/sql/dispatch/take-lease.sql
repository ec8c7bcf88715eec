-- Takes or renews a named lease for this node: it succeeds (answers the row) when the lease is free, has run out,
-- or is this node's already.
insert into dispatch_lease (name, owner, expires_at)
values (:name, :node, now() + make_interval(secs => :leaseSeconds))
on conflict (name) do update
   set owner = excluded.owner, expires_at = excluded.expires_at
 where dispatch_lease.owner = excluded.owner or dispatch_lease.expires_at < now()
returning name
