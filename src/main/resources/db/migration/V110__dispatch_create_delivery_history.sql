-- The person's sent-mail history: one compact row per message to a person (mail or SMS, every purpose) once it
-- reached a final state. The outbox row is working storage that retention may delete when a campaign's statistics
-- are final; this row is what the person's record (timeline, card, export) shows: which mailing, when, how it
-- ended. Ids, states and times only: never the address, the subject or the body. An erasure deletes the person's
-- rows (with the rest of their record).
create table dispatch_delivery (
    message_id      uuid         primary key,
    account_id      uuid         not null,
    subscriber_id   uuid         not null,
    subscription_id uuid,
    channel         varchar(5)   not null,
    purpose         varchar(30)  not null,
    batch_id        varchar(100),
    state           varchar(10)  not null check (state in ('SENT', 'HARD_FAIL', 'SUPPRESSED', 'EXPIRED', 'UNKNOWN')),
    attempts        integer      not null,
    queued_at       timestamptz  not null,
    finished_at     timestamptz  not null,
    -- the relay's last answer, addresses already removed by dispatch (why a message failed), clipped
    answer          varchar(200)
);

create index dispatch_delivery_person on dispatch_delivery (account_id, subscriber_id, finished_at);

-- Written by the statement that ends messages, in its transaction, whichever statement it is (a worker's group
-- commit of answers, an erasure's suppression, the lease recovery, or any later one): a statement-level trigger
-- with transition tables, so a campaign's thousands of final states cost one insert per statement, not one per
-- row. A message whose final state changes again (a bounce reported after SENT) keeps one row, with the new state.
create function dispatch_record_deliveries() returns trigger
    language plpgsql as
$$
begin
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
    return null;
end;
$$;

create trigger dispatch_outbox_records_deliveries
    after update on dispatch_outbox
    referencing old table as previous_messages new table as finished_messages
    for each statement execute function dispatch_record_deliveries();
