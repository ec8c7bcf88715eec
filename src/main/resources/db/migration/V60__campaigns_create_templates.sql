-- A mail template of an account: subject, text and HTML with {{field}} placeholders. Not personal data.
create table campaigns_template (
    id         uuid primary key,
    account_id uuid          not null references accounts_account (id),
    key        varchar(64)   not null,
    subject    varchar(998)  not null,
    html       text          not null,
    text       text          not null,
    created_at timestamptz   not null,
    constraint campaigns_template_key_once unique (account_id, key)
);
