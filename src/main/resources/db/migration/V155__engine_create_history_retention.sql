-- How long an account keeps the engine history of its finished platform processes (the process steps of a
-- person's timeline): 36 months unless an ADMIN set another period (PUT /api/retention-settings
-- {"engineHistoryMonths": n}; null = the default). removed_before: the cut-off of the last run of the daily job
-- that removes older history, so the timeline can say that steps before it were removed by retention.
create table engine_history_retention (
    account_id     uuid         primary key references accounts_account (id),
    months         integer      check (months between 1 and 120),
    removed_before timestamptz,
    updated_at     timestamptz,
    updated_by     varchar(200)
);
