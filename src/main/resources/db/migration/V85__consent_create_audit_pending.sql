-- Audit entries written by the transaction of their fact, waiting to be chained. An entry exists if and only if
-- its fact does (it is written in the same transaction), but taking the next seq of an account's chain in that
-- transaction made every transaction of the account wait for the one before it to commit (the chain's head row
-- stayed locked through the commit's flush). The chainer moves these rows into consent_audit_entry in the order
-- of their ids, many per transaction, right after they commit (and readers of the trail chain what waits first).
create table consent_audit_pending (
    id                  bigserial primary key,
    account_id          uuid         not null,
    at                  timestamptz  not null,
    subscriber_id       uuid,
    action              varchar(40)  not null check (action ~ '^[A-Z][A-Z_]{0,39}$'),
    actor               varchar(200) not null,
    detail              jsonb        not null default '{}'::jsonb,
    process_instance_id varchar(64)
);

create index consent_audit_pending_chain on consent_audit_pending (account_id, id);
