-- A configured group; every node runs this at start, and it changes nothing the second time.
insert into dispatch_domain_group (name) values (:group) on conflict (name) do nothing
