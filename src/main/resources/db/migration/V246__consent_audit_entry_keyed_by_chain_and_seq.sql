-- Issue 19, an imported row's cost: every audit entry went into four indexes. The surrogate key's (id) was never
-- read: entries are found by chain and seq (verification, search, paging), by person (the subscriber index),
-- and the hash covers neither id nor row order. (account_id, seq) is unique and not null already, the entry's
-- natural key: it becomes the identity for replication, and the id index goes. The column stays (filled by its
-- sequence as before), so nothing that selects it breaks.
--
-- Locks: dropping the constraint takes ACCESS EXCLUSIVE on consent_audit_entry for a moment (no rebuild).
alter table consent_audit_entry replica identity using index consent_audit_entry_seq_unique;
alter table consent_audit_entry drop constraint consent_audit_entry_pkey;
