-- Accounts are the platform's customers; every key but an OPERATOR's belongs to one.
create table accounts_account (
    id         uuid primary key,
    name       varchar(200) not null unique,
    created_at timestamptz  not null default now(),
    settings   jsonb        not null default '{}'::jsonb
);

-- API keys are stored only as the SHA-256 of the key: the key itself is shown once, at creation.
create table accounts_api_key (
    id         uuid primary key,
    account_id uuid references accounts_account (id),
    name       varchar(200) not null,
    role       varchar(20)  not null check (role in ('ADMIN', 'MARKETER', 'COMPLIANCE', 'OPERATOR')),
    key_hash   bytea        not null unique,
    created_at timestamptz  not null default now(),
    revoked_at timestamptz,
    constraint accounts_api_key_operator_has_no_account check ((role = 'OPERATOR') = (account_id is null))
);

create index accounts_api_key_account on accounts_api_key (account_id);
