-- When dispatch's ledger retention removed the campaign's messages from the outbox (README "Retention"). The final
-- counts stay on this row (copied when it closed) and in dispatch's retired batch; null while the messages are kept.
alter table campaigns_campaign add column ledger_removed_at timestamptz;

-- The closed campaigns whose messages are still in the outbox, oldest first: what retention looks at each day.
create index campaigns_campaign_ledger_kept on campaigns_campaign (closed_at)
    where status = 'SENT' and ledger_removed_at is null;
