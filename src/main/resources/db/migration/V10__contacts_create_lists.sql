-- A mailing list of an account. Its key appears in the API and in forms; lists of one brand are left together
-- when a person unsubscribes from the whole brand.
create table contacts_list (
    id         uuid primary key,
    account_id uuid         not null references accounts_account (id),
    key        varchar(64)  not null check (key ~ '^[a-z0-9-]{1,64}$'),
    name       varchar(200) not null,
    brand      varchar(100),
    created_at timestamptz  not null,
    constraint contacts_list_key_unique unique (account_id, key)
);
