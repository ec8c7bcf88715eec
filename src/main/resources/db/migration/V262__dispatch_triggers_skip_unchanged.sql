-- The outbox's statement triggers return at once when the statement changes nothing they keep (issue #19). Every
-- start group's statement (one per few messages) fired both for nothing: the counts' two upserts found no change
-- and the delivery history's insert and the content's delete found no ended message, four statements run by the
-- trigger functions. Now one look at the transition tables each (a pause, a claim or a retry skips the delivery
-- history's work too). The bodies are otherwise V182's and V170's, unchanged.

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
        -- A statement that changes none of the counted columns (a start, a pause) changes no count.
        if not exists (select 1
                         from messages_after a
                         join messages_before b on b.id = a.id
                        where a.state is distinct from b.state or a.batch_id is distinct from b.batch_id
                           or a.account_id is distinct from b.account_id or a.channel is distinct from b.channel
                           or a.finished_at is distinct from b.finished_at) then
            return null;
        end if;
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

create or replace function dispatch_record_deliveries() returns trigger
    language plpgsql as
$$
begin
    -- Only a statement that ends messages has anything to do here (a start, a claim or a retry has not).
    if not exists (select 1 from finished_messages
                    where state in ('SENT', 'HARD_FAIL', 'SUPPRESSED', 'EXPIRED', 'UNKNOWN')) then
        return null;
    end if;
    insert into dispatch_delivery (message_id, account_id, subscriber_id, subscription_id, channel, purpose,
                                   batch_id, state, attempts, queued_at, finished_at, answer)
    select n.id, n.account_id, n.subscriber_id, n.subscription_id, n.channel, n.purpose, n.batch_id, n.state,
           n.attempts, n.created_at, coalesce(n.finished_at, now()), left(n.relay_answer, 200)
      from finished_messages n
      join previous_messages o on o.id = n.id
     where n.state in ('SENT', 'HARD_FAIL', 'SUPPRESSED', 'EXPIRED', 'UNKNOWN')
       and n.state is distinct from o.state
    on conflict (message_id) do update
        set state = excluded.state, attempts = excluded.attempts, finished_at = excluded.finished_at,
            answer = excluded.answer;
    delete from dispatch_outbox_content c
     using finished_messages n
     where c.message_id = n.id and n.state in ('SENT', 'HARD_FAIL', 'SUPPRESSED', 'EXPIRED', 'UNKNOWN');
    return null;
end;
$$;
