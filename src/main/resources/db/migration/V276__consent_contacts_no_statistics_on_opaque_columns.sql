-- Issue 19, an imported row's cost: autovacuum analyzes the tables an import appends to while it runs (the
-- embedded cluster analyzes after 2 % growth, for the engine's tables), and most of an analyze of the audit log
-- went into statistics nobody reads: the jsonb detail and the two hashes (every value distinct), and on the cards
-- the sealed values and wrapped keys (random bytes). No query filters or joins on them with the planner's estimate
-- (the form funnel's `detail ->> 'formKey'` is an expression the column's statistics do not describe), so they
-- get none. Measured on 46,000 audit entries: one analyze 416 -> 176 ms of CPU; a card table's 112 -> 94 ms.
--
-- The audit log is append-only and read by account and person, account and time, account and action: it is
-- analyzed after 10 % growth (PostgreSQL's default) instead of 2 %, so a long import pays a few analyzes of it,
-- not one every autovacuum round.
--
-- Locks: SHARE UPDATE EXCLUSIVE, a catalog change only; nothing is rewritten.
alter table consent_audit_entry
    alter column detail set statistics 0,
    alter column hash set statistics 0,
    alter column prev_hash set statistics 0,
    set (autovacuum_analyze_scale_factor = 0.1);
alter table contacts_contact
    alter column wrapped_key set statistics 0,
    alter column email_sealed set statistics 0,
    alter column mobile_sealed set statistics 0;
alter table contacts_field
    alter column value_sealed set statistics 0;
