-- A campaign's recipients who opened, clicked, or were skipped (no longer mailable at render time), as counts
-- (issue #19): a look at a campaign's progress counted its campaigns_recipient rows, in proportion to the campaign.
-- Row-level triggers on exactly those three columns keep these rows, in the transaction that changes the
-- recipient, so they equal a fresh count at every commit; the freeze (insert, nothing opened or skipped yet) and
-- the enqueue (message_id, tracking) do not fire it. A read sums a campaign's rows.
--
-- shard is the changing session's pg_backend_pid(): a session runs one transaction at a time, so two opens or
-- clicks at once never wait for each other's count.
create table campaigns_recipient_count (
    campaign_id uuid    not null,
    shard       integer not null,
    opened      bigint  not null,
    clicked     bigint  not null,
    skipped     bigint  not null,
    primary key (campaign_id, shard)
);

alter table campaigns_recipient_count set (fillfactor = 50);

-- Nodes still on the previous version may be writing while this runs: their changes wait until the counts below
-- and the triggers are in place, so none falls between the count and the first trigger.
lock table campaigns_recipient in share row exclusive mode;

insert into campaigns_recipient_count (campaign_id, shard, opened, clicked, skipped)
select campaign_id, 0, count(opened_at), count(clicked_at), count(*) filter (where skipped)
  from campaigns_recipient
 group by campaign_id;

create function campaigns_count_recipient() returns trigger
    language plpgsql as
$$
declare
    was_opened  int := 0;
    was_clicked int := 0;
    was_skipped int := 0;
    is_opened   int := 0;
    is_clicked  int := 0;
    is_skipped  int := 0;
    recipient   uuid;
begin
    if tg_op in ('UPDATE', 'DELETE') then
        was_opened := (old.opened_at is not null)::int;
        was_clicked := (old.clicked_at is not null)::int;
        was_skipped := old.skipped::int;
        recipient := old.campaign_id;
    end if;
    if tg_op in ('UPDATE', 'INSERT') then
        is_opened := (new.opened_at is not null)::int;
        is_clicked := (new.clicked_at is not null)::int;
        is_skipped := new.skipped::int;
        recipient := new.campaign_id;
    end if;
    insert into campaigns_recipient_count as c (campaign_id, shard, opened, clicked, skipped)
    values (recipient, pg_backend_pid(), is_opened - was_opened, is_clicked - was_clicked, is_skipped - was_skipped)
    on conflict (campaign_id, shard) do update
       set opened = c.opened + excluded.opened, clicked = c.clicked + excluded.clicked,
           skipped = c.skipped + excluded.skipped;
    return null;
end;
$$;

-- The WHEN clauses keep the freeze's and the enqueue's writes from even queueing the trigger.
create trigger campaigns_recipient_counts_changed
    after update of opened_at, clicked_at, skipped on campaigns_recipient
    for each row
    when ((old.opened_at is null) <> (new.opened_at is null) or (old.clicked_at is null) <> (new.clicked_at is null)
          or old.skipped <> new.skipped)
    execute function campaigns_count_recipient();

create trigger campaigns_recipient_counts_added
    after insert on campaigns_recipient
    for each row
    when (new.opened_at is not null or new.clicked_at is not null or new.skipped)
    execute function campaigns_count_recipient();

create trigger campaigns_recipient_counts_removed
    after delete on campaigns_recipient
    for each row
    when (old.opened_at is not null or old.clicked_at is not null or old.skipped)
    execute function campaigns_count_recipient();
