-- Once per statement, as on the process definitions (create-definitions-trigger.sql), and to the same channel: a
-- job definition's suspension (any node's, through the engine's API or straight in the database), a new priority, a
-- deployment's or a batch's new job definitions. KnownDefinitionRows answers a job definition's suspension state from
-- the row it read last only while no such notice has come since.
create trigger consentflow_job_definitions_changed after insert or update or delete or truncate on act_ru_jobdef
    for each statement execute function consentflow_definitions_changed()
