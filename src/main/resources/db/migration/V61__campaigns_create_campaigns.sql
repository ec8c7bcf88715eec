-- A campaign: one template to the CONFIRMED subscriptions of one list. The final counts are copied from the
-- dispatch ledger when it closes; before that they are read from the ledger live.
create table campaigns_campaign (
    id           uuid primary key,
    account_id   uuid          not null references accounts_account (id),
    name         varchar(200)  not null,
    list_id      uuid          not null,
    list_key     varchar(64)   not null,
    template_id  uuid          not null references campaigns_template (id),
    status       varchar(8)    not null check (status in ('DRAFT', 'SENDING', 'SENT')),
    -- null until the audience is frozen
    audience     bigint,
    created_at   timestamptz   not null,
    send_at      timestamptz,
    closed_at    timestamptz,
    sent         bigint,
    failed       bigint,
    suppressed   bigint,
    expired      bigint,
    unknown      bigint
);

create index campaigns_campaign_account on campaigns_campaign (account_id, created_at);

-- The frozen audience: one row per CONFIRMED subscription of the list when the campaign was sent (ids only).
-- message_id is the dispatch message once enqueued, so a restarted enqueue never enqueues a recipient twice;
-- skipped marks a recipient no longer mailable at render time (unsubscribed or erased since the freeze), which
-- the campaign counts as suppressed.
create table campaigns_recipient (
    campaign_id     uuid     not null references campaigns_campaign (id),
    subscription_id uuid     not null,
    message_id      uuid,
    skipped         boolean  not null default false,
    primary key (campaign_id, subscription_id)
);

create index campaigns_recipient_pending on campaigns_recipient (campaign_id, subscription_id)
    where message_id is null and not skipped;
