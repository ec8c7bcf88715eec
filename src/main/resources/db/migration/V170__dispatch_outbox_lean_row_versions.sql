-- Dispatch, cheaper per message (issue #19). After its insert an outbox row is written three times (claimed,
-- started, finished); each write copies the whole row into a new row version and into the WAL and, unless it is
-- a HOT update, adds an entry to every index whose predicate the new version meets.

-- The sealed content (subject, text, HTML and unsubscribe link: 1.5 KB for a short campaign mail, up to tens of
-- KB) was a column of the row, below PostgreSQL's TOAST threshold for most mails, so the claim and the start each
-- copied it. In a table of its own it is written once, at enqueue, and deleted once, when the message ends; the
-- outbox row that is written three times is a couple of hundred bytes. Stored without compression: ciphertext does
-- not compress.
create table dispatch_outbox_content (
    message_id uuid  primary key,
    sealed     bytea not null
);
alter table dispatch_outbox_content alter column sealed set storage external;

insert into dispatch_outbox_content (message_id, sealed)
select id, sealed_content from dispatch_outbox where sealed_content is not null;

alter table dispatch_outbox
    drop constraint dispatch_outbox_sealed_until_final,
    drop constraint dispatch_outbox_no_content_when_final,
    drop column sealed_content;

-- Room on each page for the start's new row version: the start changes no indexed column (started_at, attempts),
-- so with free space on the page it is a HOT update and touches no index.
alter table dispatch_outbox set (fillfactor = 70);

-- Erasure's suppression finds queued rows through this index, and the few claimed, unstarted rows through
-- dispatch_outbox_leased (every SENDING row): the claim no longer adds an entry here for each message.
drop index dispatch_outbox_pending_person;
create index dispatch_outbox_pending_person on dispatch_outbox (account_id, subscriber_id)
    where state in ('QUEUED', 'SOFT_FAIL');

-- The statement that ends messages, whichever it is (a worker's group commit of answers, an erasure's suppression,
-- the lease recovery), also deletes their content, in its transaction, so no personal data stays behind (as the
-- dropped constraints demanded of the column). The rest is V110's.
create or replace function dispatch_record_deliveries() returns trigger
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
    delete from dispatch_outbox_content c
     using finished_messages n
     where c.message_id = n.id and n.state in ('SENT', 'HARD_FAIL', 'SUPPRESSED', 'EXPIRED', 'UNKNOWN');
    return null;
end;
$$;
