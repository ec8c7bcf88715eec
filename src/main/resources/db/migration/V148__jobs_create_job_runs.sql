-- Scheduled jobs across nodes: a run takes the job's lease (running_on, lease_until), so one node runs it at a
-- time; a node that died while running frees it when the lease runs out. The last run's times, outcome and
-- summary (counts, never values) feed /actuator/health/jobs and the consentflow_job_* metrics.
create table jobs_job (
    name             varchar(60)  primary key,
    running_on       varchar(200),
    lease_until      timestamptz,
    last_started_at  timestamptz,
    last_finished_at timestamptz,
    last_outcome     varchar(10)  check (last_outcome in ('SUCCEEDED', 'FAILED')),
    last_summary     varchar(500),
    runs             bigint       not null default 0,
    failures         bigint       not null default 0
);
