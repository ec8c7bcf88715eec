-- Every report about a message after it left (a webhook event, later a DSN or ARF report), once per source and
-- the source's own event id: a provider that retries a post, or a mailbox message read again after a crash, finds
-- its row and has no second effect. Ids and the diagnostic only, never an address or a body.
create table dispatch_feedback (
    source      varchar(20)  not null,
    event_id    varchar(200) not null,
    message_id  uuid         not null,
    kind        varchar(12)  not null check (kind in ('HARD_BOUNCE', 'SOFT_BOUNCE', 'COMPLAINT')),
    diagnostic  varchar(500) not null default '',
    reported_at timestamptz  not null,
    recorded_at timestamptz  not null default now(),
    primary key (source, event_id)
);

create index dispatch_feedback_message on dispatch_feedback (message_id);

-- The one-time tokens of signed webhook posts (Mailgun): a token seen once is refused again (a replay) while its
-- timestamp could still pass the age check; older rows are removed.
create table dispatch_webhook_token (
    source  varchar(20)  not null,
    token   varchar(200) not null,
    seen_at timestamptz  not null default now(),
    primary key (source, token)
);

create index dispatch_webhook_token_seen on dispatch_webhook_token (seen_at);
