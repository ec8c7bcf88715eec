-- The per-account job limit of automation flows (consentflow.engine.flow-limits.jobs-per-minute), shared by all
-- nodes: per account, the next free slot of its flows' jobs (JobRate). Ids and times only.
create table engine_flow_job_rate (
    account_id text        primary key,
    next_slot  timestamptz not null
);
