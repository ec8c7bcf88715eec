-- The group's concurrency slots 1..concurrency; slots beyond it go, held or not (a held one's send finishes on
-- its own and releases nothing).
with added as (
    insert into dispatch_domain_slot (group_name, slot)
    select :group, n from generate_series(1, :concurrency) n
    on conflict (group_name, slot) do nothing
)
delete from dispatch_domain_slot where group_name = :group and slot > :concurrency
