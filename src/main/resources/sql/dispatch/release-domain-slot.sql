update dispatch_domain_slot set holder = null, held_until = null
 where group_name = :group and slot = :slot and holder = :node
