-- Made at engine start by EngineIndexes, like the subscriber index. It serves InstanceRows' one-round-trip read of a
-- clicked instance's event subscriptions by proc_inst_id_, which no index of the engine's covers: without it every
-- confirmation click scanned the subscription of every signup still waiting for its click. Partial: a message start
-- subscription has no instance.
create index if not exists consentflow_act_ru_event_subscr_procinst on act_ru_event_subscr (proc_inst_id_)
    where proc_inst_id_ is not null
