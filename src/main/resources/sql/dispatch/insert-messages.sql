-- Many messages in one statement (a campaign's page): their rows, and their sealed contents in the table of their
-- own (V170). VALUES_ROWS is one row of ten parameters per message, in the order of the column list of v.
with v (id, account_id, subscriber_id, subscription_id, channel, purpose, batch_id, list_id, key_version, sealed) as (
    values VALUES_ROWS
),
message as (
    insert into dispatch_outbox (id, account_id, subscriber_id, subscription_id, channel, purpose, batch_id, list_id,
                                 key_version)
    select id, account_id, subscriber_id, subscription_id, channel, purpose, batch_id, list_id, key_version from v
)
insert into dispatch_outbox_content (message_id, sealed)
select id, sealed from v
