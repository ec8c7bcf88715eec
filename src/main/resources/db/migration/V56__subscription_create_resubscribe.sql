-- One row per resubscribe process instance that sent a confirmation: ids and times only (the address waits in
-- contacts_resubscription, sealed). The row is the lock that serialises every click and the expiry of one
-- instance. The click's evidence (IP, user agent) is sealed here only between the click and the process step
-- that hands it to contacts, inside one transaction. An expired resubscription's row is deleted with its links;
-- a confirmed one stays, so a second click answers "already confirmed".
create table subscription_resubscribe (
    process_instance_id varchar(64) primary key,
    request_id          uuid        not null unique,
    account_id          uuid        not null references accounts_account (id),
    tombstone_id        uuid        not null,
    resubscription_id   uuid        not null,
    list_key            varchar(64) not null,
    channel             varchar(5)  not null check (channel in ('EMAIL', 'SMS')),
    state               varchar(10) not null check (state in ('WAITING', 'CONFIRMED')),
    created_at          timestamptz not null default now(),
    last_requested_at   timestamptz not null default now(),
    confirmed_at        timestamptz,
    subscriber_id       uuid,
    click_evidence      bytea
);

-- At most one waiting instance per pending resubscription (one confirmation per throttle window).
create unique index subscription_resubscribe_waiting on subscription_resubscribe (resubscription_id)
    where state = 'WAITING';

-- Resubscribe confirmation links: the confirmation token mechanism with its own purpose (RESUBSCRIPTION is part
-- of the HMAC), bound to the instance it confirms and deleted with it.
create table subscription_resubscribe_token (
    token_hash          bytea       primary key,
    process_instance_id varchar(64) not null references subscription_resubscribe (process_instance_id)
                                    on delete cascade,
    created_at          timestamptz not null default now()
);

create index subscription_resubscribe_token_instance on subscription_resubscribe_token (process_instance_id);
