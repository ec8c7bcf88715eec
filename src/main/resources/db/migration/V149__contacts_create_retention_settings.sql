-- How long an account keeps its contacts' behaviour events (opens, clicks, geo): 24 months unless an ADMIN set
-- another period (PUT /api/retention-settings). A daily job removes older ones and audits how many.
create table contacts_retention_setting (
    account_id             uuid         primary key references accounts_account (id),
    behaviour_event_months integer      not null check (behaviour_event_months between 1 and 120),
    updated_at             timestamptz  not null,
    updated_by             varchar(200) not null
);

create index contacts_event_account_at on contacts_event (account_id, at) where type in ('OPEN', 'CLICK', 'GEO');
