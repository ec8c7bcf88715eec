-- An operator's request to export an account's data (a list, one person, or the whole account). It needs the
-- account's approval: the export-approval process waits for an ADMIN's decision. Once approved, the operator
-- may download it, unmasked, until release_expires_at. Ids and states only: no personal data.
create table privacy_export_request (
    id                  uuid primary key,
    account_id          uuid         not null references accounts_account (id),
    list_key            varchar(64),
    subscriber_id       uuid,
    format              varchar(4)   not null check (format in ('json', 'xlsx', 'csv')),
    status              varchar(20)  not null
        check (status in ('PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'EXPIRED')),
    requested_by        varchar(200) not null,
    requested_at        timestamptz  not null,
    decided_by          varchar(200),
    decided_at          timestamptz,
    release_expires_at  timestamptz,
    downloads           integer      not null default 0,
    process_instance_id varchar(64),
    version             bigint       not null default 0,
    constraint privacy_export_request_one_scope check (list_key is null or subscriber_id is null),
    constraint privacy_export_request_approved_expires
        check (status <> 'APPROVED' or release_expires_at is not null)
);

create index privacy_export_request_account on privacy_export_request (account_id, requested_at desc);
