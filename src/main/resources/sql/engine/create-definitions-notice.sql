-- Made by EngineIndexes once the engine has made its tables (see create-subscriber-variable-index.sql). Every
-- change to the engine's process definitions (a deployment, a deletion, a suspension, by any node) notifies the
-- channel consentflow_definitions when it commits: DefinitionChanges on every node listens there and forgets the
-- latest definitions it knows, so the next start on every node looks the new version up.
create or replace function consentflow_definitions_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('consentflow_definitions', '');
    return null;
end
$$
