-- Opens and clicks. A recipient's mail carries one random token (128 bits), stored here only as its SHA-256:
-- the open pixel is /t/o/{token}, a click /t/c/{token}{link number}. Clicks go only to a URL stored here, the
-- campaign's own http(s) links taken from its template.
create table campaigns_link (
    campaign_id uuid           not null references campaigns_campaign (id),
    position    integer        not null,
    url         varchar(2048)  not null,
    primary key (campaign_id, position)
);

alter table campaigns_recipient
    add column subscriber_id  uuid,
    add column tracking_hash  bytea,
    add column opened_at      timestamptz,
    add column clicked_at     timestamptz;

create unique index campaigns_recipient_tracking on campaigns_recipient (tracking_hash);
