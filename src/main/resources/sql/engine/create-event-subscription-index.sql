-- Made at engine start by EngineIndexes, like the subscriber index. It serves ProcessRuntime.anyListens (on every
-- confirmation and every unsubscribe): the engine's own index on the event name alone made the check read every
-- subscription of the name in all accounts (168 buffers per call at 5,000 waiting automations) to keep one tenant's.
create index if not exists consentflow_act_ru_event_subscr_name_tenant on act_ru_event_subscr (event_name_, tenant_id_)
