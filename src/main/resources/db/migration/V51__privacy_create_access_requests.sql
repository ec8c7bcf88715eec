-- A person's access request (GDPR Article 15), recorded when staff act on the person's behalf: it must be
-- answered within one month (Article 12(3)). The access-request process escalates to the account's COMPLIANCE
-- keys when due_at passes undelivered; delivering the person's export completes it.
create table privacy_access_request (
    id                  uuid primary key,
    account_id          uuid         not null references accounts_account (id),
    subscriber_id       uuid         not null,
    status              varchar(20)  not null check (status in ('OPEN', 'DELIVERED')),
    requested_by        varchar(200) not null,
    requested_at        timestamptz  not null,
    due_at              timestamptz  not null,
    escalated_at        timestamptz,
    delivered_at        timestamptz,
    delivered_by        varchar(200),
    process_instance_id varchar(64),
    version             bigint       not null default 0,
    constraint privacy_access_request_delivered_has_time check (status <> 'DELIVERED' or delivered_at is not null)
);

create index privacy_access_request_account on privacy_access_request (account_id, requested_at desc);
create index privacy_access_request_open on privacy_access_request (account_id, due_at) where status = 'OPEN';
