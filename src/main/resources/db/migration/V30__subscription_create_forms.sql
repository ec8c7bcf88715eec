-- Signup forms. A form's key is in its public URL (/f/{key}), so it is unique across the platform, not per
-- account. Every change of the definition makes a new version; consent evidence names key and version.
create table subscription_form (
    id         uuid primary key,
    account_id uuid         not null references accounts_account (id),
    form_key   varchar(64)  not null unique check (form_key ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
    version    integer      not null check (version > 0),
    definition jsonb        not null,
    origin     varchar(10)  not null check (origin in ('API', 'REPOSITORY')),
    created_at timestamptz  not null default now(),
    updated_at timestamptz  not null default now()
);

create index subscription_form_account on subscription_form (account_id);
