-- A batch's (a campaign's) messages by state, as counts (issue #19). Reading the progress of a sending campaign
-- counted its outbox rows, so each look cost in proportion to the campaign (100,000 index entries and their heap
-- pages for a 100,000-recipient campaign, four times a second in the bench). These rows hold the same counts,
-- changed by the statement that changes the messages (statement-level triggers with transition tables: one upsert
-- per batch and state a statement touched, not one per message), so they equal a fresh count of the outbox at every
-- commit. A read sums a batch's rows: as many as states times the database sessions that changed them, whatever the
-- campaign's size.
--
-- shard is the changing session's pg_backend_pid(): a session runs one transaction at a time, so no two
-- transactions ever write the same row, and concurrent workers and nodes never wait for each other's counts (nor
-- deadlock on them). messages may go below zero in one shard (a message claimed in one session and finished in
-- another); the sum over the shards is the count.
create table dispatch_batch_count (
    batch_id varchar(100) not null,
    state    varchar(10)  not null,
    shard    integer      not null,
    messages bigint       not null,
    primary key (batch_id, state, shard)
);

-- Every change is an update of a non-indexed column: with room on the page it is a HOT update.
alter table dispatch_batch_count set (fillfactor = 50);

-- Nodes still on the previous version may be writing while this runs: their changes wait until the counts below
-- and the triggers are in place, so none falls between the count and the first trigger.
lock table dispatch_outbox in share row exclusive mode;

insert into dispatch_batch_count (batch_id, state, shard, messages)
select batch_id, state, 0, count(*)
  from dispatch_outbox
 where batch_id is not null
 group by batch_id, state;

create function dispatch_count_batch_states() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'INSERT' then
        insert into dispatch_batch_count as c (batch_id, state, shard, messages)
        select batch_id, state, pg_backend_pid(), count(*)
          from added_messages
         where batch_id is not null
         group by batch_id, state
         order by batch_id, state
        on conflict (batch_id, state, shard) do update set messages = c.messages + excluded.messages;
    elsif tg_op = 'UPDATE' then
        insert into dispatch_batch_count as c (batch_id, state, shard, messages)
        select batch_id, state, pg_backend_pid(), sum(change)
          from (select batch_id, state, 1 as change from messages_after where batch_id is not null
                union all
                select batch_id, state, -1 from messages_before where batch_id is not null) m
         group by batch_id, state
        having sum(change) <> 0
         order by batch_id, state
        on conflict (batch_id, state, shard) do update set messages = c.messages + excluded.messages;
    else
        insert into dispatch_batch_count as c (batch_id, state, shard, messages)
        select batch_id, state, pg_backend_pid(), -count(*)
          from removed_messages
         where batch_id is not null
         group by batch_id, state
         order by batch_id, state
        on conflict (batch_id, state, shard) do update set messages = c.messages + excluded.messages;
    end if;
    return null;
end;
$$;

-- One trigger per event: PostgreSQL allows transition tables only on a trigger of one event.
create trigger dispatch_outbox_counts_added
    after insert on dispatch_outbox
    referencing new table as added_messages
    for each statement execute function dispatch_count_batch_states();

create trigger dispatch_outbox_counts_changed
    after update on dispatch_outbox
    referencing old table as messages_before new table as messages_after
    for each statement execute function dispatch_count_batch_states();

create trigger dispatch_outbox_counts_removed
    after delete on dispatch_outbox
    referencing old table as removed_messages
    for each statement execute function dispatch_count_batch_states();
