-- Behaviour events of a card (opens, clicks, changes, places). Their details are personal, so sealed under the
-- card's data key; the campaign id is not.
create table contacts_event (
    id             uuid primary key,
    account_id     uuid        not null references accounts_account (id),
    contact_id     uuid        not null references contacts_contact (id) on delete cascade,
    type           varchar(10) not null check (type in ('OPEN', 'CLICK', 'UPDATE', 'GEO')),
    at             timestamptz not null,
    campaign       varchar(64),
    details_sealed bytea
);

create index contacts_event_newest on contacts_event (contact_id, at desc);
