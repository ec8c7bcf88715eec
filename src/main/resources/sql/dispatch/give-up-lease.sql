-- A stopping node hands its lease back, so another can take over at once.
delete from dispatch_lease where name = :name and owner = :node
