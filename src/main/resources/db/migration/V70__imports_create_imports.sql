-- An import of a CSV or XLSX file into one list (API.md section 8). The file waits in imports_upload_part until
-- the import is DONE or FAILED; a worker of any node claims a QUEUED import (or one whose lease ran out: its node
-- died) with FOR UPDATE SKIP LOCKED, and works through the file in chunks. Each chunk commits its contacts, its
-- rejections, the counts and the cursor (the rows done so far) in one transaction, so a crash resumes after the
-- last committed chunk and rows = imported + updated + rejected always holds.
create table imports_import (
    id               uuid         primary key,
    account_id       uuid         not null references accounts_account (id),
    list_id          uuid         not null references contacts_list (id),
    format           varchar(4)   not null check (format in ('CSV', 'XLSX')),
    consent          varchar(13)  not null check (consent in ('CONFIRMED', 'DOUBLE_OPT_IN')),
    status           varchar(7)   not null check (status in ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    -- who uploaded it (an API key id and its role): the rows are written on that key's behalf
    key_id           uuid         not null,
    key_role         varchar(20)  not null,
    bytes            bigint       not null,
    -- the file's data rows, counted when it was uploaded (the header row and empty rows are not counted)
    total_rows       bigint       not null,
    -- data rows read and committed so far (the cursor); the header row is not counted
    rows_done        bigint       not null default 0,
    imported         bigint       not null default 0,
    updated          bigint       not null default 0,
    unchanged        bigint       not null default 0,
    rejected         bigint       not null default 0,
    failure          varchar(500),
    lease_owner      varchar(100),
    lease_expires_at timestamptz,
    created_at       timestamptz  not null,
    started_at       timestamptz,
    finished_at      timestamptz,
    constraint imports_import_counts_add_up check (rows_done = imported + updated + rejected),
    constraint imports_import_unchanged_are_updated check (unchanged <= updated),
    constraint imports_import_done_is_whole check (status <> 'DONE' or rows_done = total_rows)
);

create index imports_import_account on imports_import (account_id, created_at desc);
create index imports_import_to_do on imports_import (created_at) where status in ('QUEUED', 'RUNNING');

-- The uploaded file in parts of at most 1 MiB, each sealed (AES-256-GCM) under the account's key
-- "imports.upload", bound to the import and the part's number: it holds personal data. Deleted once the import
-- ends.
create table imports_upload_part (
    import_id   uuid    not null references imports_import (id) on delete cascade,
    seq         integer not null check (seq >= 0),
    key_version integer not null,
    sealed      bytea   not null,
    primary key (import_id, seq)
);

-- Why a row was not imported: its number (1 = the first row after the header), the column and the reason. No
-- value of the row is kept: the reasons name rules, never the input.
create table imports_rejection (
    import_id uuid         not null references imports_import (id) on delete cascade,
    row_no    bigint       not null,
    field     varchar(64),
    reason    varchar(300) not null,
    primary key (import_id, row_no)
);
