-- An account's mail handed to the relay (SENT or UNKNOWN) per hour, as counts (issue #19): the denominator of its
-- complaint rate over the last 30 days, which every look at a campaign shows. Counting it read every message the
-- account handed in 30 days (index dispatch_outbox_handed): a 100,000-message campaign made each look read
-- 100,000 entries. The trigger of V180 keeps these rows in the statement that changes the messages, so they equal
-- a count of the outbox at every commit; the rate reads the whole hours of the window here and counts only the
-- window's first, partial hour in the outbox.
--
-- shard spreads one account's hour over 16 rows (the session's pg_backend_pid() modulo 16), so concurrent
-- workers and nodes seldom wait for each other; a statement upserts its rows in key order, and every statement
-- that hands mail runs in a transaction of its own, so two of them cannot deadlock on these rows.
create table dispatch_handed_hour (
    account_id uuid        not null,
    hour       timestamptz not null,
    shard      integer     not null,
    messages   bigint      not null,
    primary key (account_id, hour, shard)
);

alter table dispatch_handed_hour set (fillfactor = 50);

-- Nodes still on the previous version may be writing while this runs: their changes wait until the counts below
-- and the triggers are in place, so none falls between the count and the first trigger.
lock table dispatch_outbox in share row exclusive mode;

insert into dispatch_handed_hour (account_id, hour, shard, messages)
select account_id, date_trunc('hour', finished_at, 'UTC'), 0, count(*)
  from dispatch_outbox
 where channel = 'EMAIL' and state in ('SENT', 'UNKNOWN') and finished_at is not null
 group by account_id, date_trunc('hour', finished_at, 'UTC');

create or replace function dispatch_count_batch_states() returns trigger
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
        insert into dispatch_handed_hour as h (account_id, hour, shard, messages)
        select account_id, date_trunc('hour', finished_at, 'UTC'), pg_backend_pid() % 16, count(*)
          from added_messages
         where channel = 'EMAIL' and state in ('SENT', 'UNKNOWN') and finished_at is not null
         group by 1, 2
         order by 1, 2
        on conflict (account_id, hour, shard) do update set messages = h.messages + excluded.messages;
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
        insert into dispatch_handed_hour as h (account_id, hour, shard, messages)
        select account_id, date_trunc('hour', finished_at, 'UTC'), pg_backend_pid() % 16, sum(change)
          from (select account_id, finished_at, 1 as change from messages_after
                 where channel = 'EMAIL' and state in ('SENT', 'UNKNOWN') and finished_at is not null
                union all
                select account_id, finished_at, -1 from messages_before
                 where channel = 'EMAIL' and state in ('SENT', 'UNKNOWN') and finished_at is not null) m
         group by 1, 2
        having sum(change) <> 0
         order by 1, 2
        on conflict (account_id, hour, shard) do update set messages = h.messages + excluded.messages;
    else
        insert into dispatch_batch_count as c (batch_id, state, shard, messages)
        select batch_id, state, pg_backend_pid(), -count(*)
          from removed_messages
         where batch_id is not null
         group by batch_id, state
         order by batch_id, state
        on conflict (batch_id, state, shard) do update set messages = c.messages + excluded.messages;
        insert into dispatch_handed_hour as h (account_id, hour, shard, messages)
        select account_id, date_trunc('hour', finished_at, 'UTC'), pg_backend_pid() % 16, -count(*)
          from removed_messages
         where channel = 'EMAIL' and state in ('SENT', 'UNKNOWN') and finished_at is not null
         group by 1, 2
         order by 1, 2
        on conflict (account_id, hour, shard) do update set messages = h.messages + excluded.messages;
    end if;
    return null;
end;
$$;
