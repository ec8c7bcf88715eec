-- The console's people: per account, with a role like a key's, signing in at /app with their own email address
-- and a password. The address is the user's login id (as in any login system), stored plainly and unique among
-- the users who can sign in; it is staff data of the account, never a subscriber's, and no search but the exact
-- sign-in lookup reads it. A removed user keeps the row (disabled_at set), so audit entries naming
-- "user:<id>" keep showing who acted.
create table console_user (
    id            uuid primary key,
    account_id    uuid         not null references accounts_account (id),
    email         varchar(254) not null check (email = lower(email)),
    role          varchar(20)  not null check (role in ('ADMIN', 'MARKETER', 'COMPLIANCE')),
    password_hash varchar(100),
    language      varchar(2)   check (language in ('da', 'en')),
    created_at    timestamptz  not null,
    created_by    varchar(200) not null,
    joined_at     timestamptz,
    disabled_at   timestamptz
);

create unique index console_user_email on console_user (email) where disabled_at is null;
create index console_user_account on console_user (account_id);

-- Invitations: only the SHA-256 of the link's token is kept; valid 72 hours, used once.
create table console_invitation (
    token_hash bytea       primary key,
    user_id    uuid        not null references console_user (id),
    expires_at timestamptz not null,
    used_at    timestamptz
);

create index console_invitation_user on console_invitation (user_id);

-- Failed sign-ins per user and per client IP, in fixed windows shared by every node. A bucket is an HMAC of
-- what is counted, never the address or the IP itself.
create table console_login_limit (
    bucket       bytea       primary key,
    window_start timestamptz not null,
    hits         integer     not null
);

create index console_login_limit_window on console_login_limit (window_start);
