-- The engine's own tables are made by the engine when it starts (after Flyway), so this index is made then too, by
-- EngineIndexes. It serves ProcessRuntime.endInstancesOf (an erasure ending the person's other processes), whose
-- engine query looks for the variable subscriberId with the person's id and has no index of the engine's for it.
-- A hash index: equality is all the query asks, and it takes a value of any length (a btree refuses rows over
-- about 2.7 kB, and a flow may set a long text). Partial: only the subscriberId rows pay for it.
create index if not exists consentflow_act_ru_variable_subscriber on act_ru_variable using hash (text_)
    where name_ = 'subscriberId'
