-- One row per running or finished double opt-in that sent a confirmation: ids and times only. The row is the
-- lock that serialises every click, reminder and expiry of one instance. The confirmation click's evidence (IP,
-- user agent) is sealed here only between the click and the process step that hands it to contacts, inside
-- one transaction.
create table subscription_double_opt_in (
    process_instance_id varchar(64) primary key,
    request_id          uuid        not null unique,
    account_id          uuid        not null references accounts_account (id),
    subscriber_id       uuid        not null,
    subscription_id     uuid        not null,
    channel             varchar(5)  not null check (channel in ('EMAIL', 'SMS')),
    state               varchar(10) not null check (state in ('WAITING', 'CONFIRMED', 'EXPIRED')),
    created_at          timestamptz not null default now(),
    last_requested_at   timestamptz not null default now(),
    confirmed_at        timestamptz,
    click_evidence      bytea
);

-- At most one waiting double opt-in per subscription (RELIABILITY.md: one pending request per address and list).
create unique index subscription_double_opt_in_waiting on subscription_double_opt_in (subscription_id)
    where state = 'WAITING';

-- Confirmation links: only an HMAC of the token and its purpose is stored, bound to the instance it confirms.
create table subscription_confirmation_token (
    token_hash          bytea       primary key,
    purpose             varchar(30) not null check (purpose in ('CONFIRMATION')),
    process_instance_id varchar(64) not null references subscription_double_opt_in (process_instance_id)
                                    on delete cascade,
    created_at          timestamptz not null default now()
);

create index subscription_confirmation_token_instance on subscription_confirmation_token (process_instance_id);
