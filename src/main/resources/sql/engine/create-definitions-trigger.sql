-- Once per statement, not per row: a deployment of twenty definitions notifies once (see create-definitions-notice.sql).
create trigger consentflow_definitions_changed after insert or update or delete or truncate on act_re_procdef
    for each statement execute function consentflow_definitions_changed()
