-- Who deployed each of an account's flows, and when: the engine keeps no author of a deployment (a key is not
-- an engine user), and the console and GET /api/automations show one. Ids only: the actor is "role:keyId".
create table engine_flow_deployment (
    deployment_id varchar(64)  primary key,
    account_id    uuid         not null,
    actor         varchar(80)  not null,
    deployed_at   timestamptz  not null default now()
);

create index engine_flow_deployment_account on engine_flow_deployment (account_id);
