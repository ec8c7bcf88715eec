-- GDPR erasure requests (API.md section 5, POST /api/contacts/{id}/erase). The id is the gdpr-erasure
-- instance's business key. Ids, states, times and actors (key ids) only; the free-text reason may name the
-- person, so it is sealed (AES-256-GCM under an account key) and kept only while the request is open, for the
-- approver to read: it is deleted when the erasure ends either way, and never reaches the engine or the audit log.
create table privacy_erasure_request (
    id                  uuid primary key,
    account_id          uuid         not null references accounts_account (id),
    subscriber_id       uuid         not null,
    status              varchar(20)  not null
                                     check (status in ('PENDING_APPROVAL', 'IN_PROGRESS', 'REJECTED', 'ERASED')),
    approval_required   boolean      not null,
    requested_by        varchar(200) not null,
    requested_at        timestamptz  not null,
    reason_key_version  integer,
    reason_sealed       bytea,
    process_instance_id varchar(64),
    decided_by          varchar(200),
    decided_at          timestamptz,
    finished_at         timestamptz,
    constraint privacy_erasure_request_reason_while_open
        check (reason_sealed is null or status in ('PENDING_APPROVAL', 'IN_PROGRESS')),
    constraint privacy_erasure_request_reason_has_key
        check (reason_sealed is null or reason_key_version is not null)
);

-- At most one open request per person: a second request answers the open one.
create unique index privacy_erasure_request_open on privacy_erasure_request (account_id, subscriber_id)
    where status in ('PENDING_APPROVAL', 'IN_PROGRESS');
create index privacy_erasure_request_account on privacy_erasure_request (account_id, requested_at desc);

-- Per account: whether an erasure waits for a second person's approval (four eyes). No row: it does not.
create table privacy_erasure_setting (
    account_id        uuid primary key references accounts_account (id),
    approval_required boolean      not null,
    updated_at        timestamptz  not null,
    updated_by        varchar(200) not null
);
