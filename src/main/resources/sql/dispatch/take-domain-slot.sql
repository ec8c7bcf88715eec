-- One free slot of the group (never held, or its holder's deadline passed: a node that died), held by this node
-- until the deadline. SKIP LOCKED: nodes taking slots at once never wait for each other.
update dispatch_domain_slot s
   set holder = :node, held_until = now() + make_interval(secs => :holdSeconds)
 where (s.group_name, s.slot) = (select group_name, slot from dispatch_domain_slot
                                  where group_name = :group and (holder is null or held_until < now())
                                  order by slot
                                  limit 1
                                    for update skip locked)
returning s.slot
