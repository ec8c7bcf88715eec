-- One mechanism for every confirmation a person gives by a link (issue #14): a signup's double opt-in and an
-- erased person's resubscription (DESIGN.md rule 3) wait in one table, their links in one more, and the
-- purpose says which it is. A row per process instance that sent a confirmation: ids and times only (a
-- resubscription's address waits sealed in contacts_resubscription). The row is the lock that serialises every
-- click, reminder and expiry of its instance. The click's evidence (IP, user agent) is sealed here only between
-- the click and the process step that hands it to contacts, inside one transaction. An expired request is
-- deleted with its links; a confirmed one stays, so a second click answers "already confirmed". V151 moves the
-- rows of the two tables this replaces.
create table subscription_confirmation_request (
    process_instance_id varchar(64) primary key,
    purpose             varchar(14) not null check (purpose in ('SIGNUP', 'RESUBSCRIPTION')),
    request_id          uuid        not null,
    account_id          uuid        not null references accounts_account (id),
    -- SIGNUP: the card and its pending subscription. RESUBSCRIPTION: the new card, once confirmed.
    subscriber_id       uuid,
    subscription_id     uuid,
    -- RESUBSCRIPTION: the tombstone, the pending request in contacts, and its list.
    tombstone_id        uuid,
    resubscription_id   uuid,
    list_key            varchar(64),
    channel             varchar(5)  not null check (channel in ('EMAIL', 'SMS')),
    state               varchar(10) not null check (state in ('WAITING', 'CONFIRMED')),
    created_at          timestamptz not null default now(),
    last_requested_at   timestamptz not null default now(),
    confirmed_at        timestamptz,
    click_evidence      bytea,
    constraint subscription_confirmation_request_once unique (purpose, request_id),
    -- What the links' foreign key points at, so a link only ever opens a request of its own purpose.
    constraint subscription_confirmation_request_purpose unique (process_instance_id, purpose),
    constraint subscription_confirmation_request_shape check (
        purpose = 'SIGNUP' and subscriber_id is not null and subscription_id is not null
            and tombstone_id is null and resubscription_id is null and list_key is null
        or purpose = 'RESUBSCRIPTION' and tombstone_id is not null and resubscription_id is not null
            and list_key is not null and subscription_id is null)
);

-- At most one waiting request per pending subscription, and per pending resubscription (RELIABILITY.md: one
-- pending request per address and list).
create unique index subscription_confirmation_request_waiting_signup
    on subscription_confirmation_request (subscription_id) where state = 'WAITING' and purpose = 'SIGNUP';
create unique index subscription_confirmation_request_waiting_resubscription
    on subscription_confirmation_request (resubscription_id) where state = 'WAITING' and purpose = 'RESUBSCRIPTION';

-- An erasure forgets every request of the person (and, by cascade, their links).
create index subscription_confirmation_request_subscriber
    on subscription_confirmation_request (account_id, subscriber_id);

-- Confirmation links: only an HMAC of the purpose and the token is stored, bound to the request it confirms.
create table subscription_confirmation_request_token (
    token_hash          bytea       primary key,
    purpose             varchar(14) not null,
    process_instance_id varchar(64) not null,
    created_at          timestamptz not null default now(),
    constraint subscription_confirmation_request_token_request foreign key (process_instance_id, purpose)
        references subscription_confirmation_request (process_instance_id, purpose) on delete cascade
);

create index subscription_confirmation_request_token_instance
    on subscription_confirmation_request_token (process_instance_id);
