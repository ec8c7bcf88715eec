-- The one-time tokens of signed webhook posts (Mailgun): a token seen once is refused again (a replay) while its
-- timestamp could still pass the age check; older rows are removed.
create table dispatch_webhook_token (
    source  varchar(20)  not null,
    token   varchar(200) not null,
    seen_at timestamptz  not null default now(),
    primary key (source, token)
);

create index dispatch_webhook_token_seen on dispatch_webhook_token (seen_at);
