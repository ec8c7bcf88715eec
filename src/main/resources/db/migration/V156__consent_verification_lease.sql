-- A full re-verification is walked by one node at a time: the node holding its lease, renewed with every
-- progress record. A node that dies leaves its lease to run out; another node then resumes the walk after the
-- last recorded entry (done_hash: that entry's hash as the walk had verified it; checkpoints: those checked so far).
-- A run left without a lease (written before this change) is taken over the same way, from its first entry.
alter table consent_audit_verification
    add column lease_holder varchar(100),
    add column lease_until  timestamptz,
    add column done_hash    bytea;
