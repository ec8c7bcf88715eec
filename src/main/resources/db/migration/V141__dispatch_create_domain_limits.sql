-- Limits per receiving domain group (gmail, microsoft, yahoo, other), shared by every node. A group's row holds
-- the earliest moment its next send may start (the rate: each send moves it on by 1/rate seconds) and until when
-- the group is backed off after a provider's "slow down" (421, 451 4.7.x). Its slots are the concurrency: a send
-- holds one slot, with a deadline, so a node that dies while holding one frees it when the deadline passes.
create table dispatch_domain_group (
    name          varchar(40) primary key,
    next_start_at timestamptz not null default now(),
    backoff_until timestamptz not null default '-infinity'
);

create table dispatch_domain_slot (
    group_name varchar(40)  not null references dispatch_domain_group (name) on delete cascade,
    slot       integer      not null,
    holder     varchar(100),
    held_until timestamptz,
    primary key (group_name, slot)
);
