update dispatch_domain_group
   set backoff_until = greatest(backoff_until, now() + make_interval(secs => :backoffSeconds))
 where name = :group
