-- Many messages in one statement (a campaign's page): their rows, and their sealed contents in the table of their
-- own (V170). One array a column, the messages in the same order in each: ten parameters whatever the number of
-- messages, so the statement is parsed and planned as one (a VALUES list of ten parameters a message was parsed and
-- planned anew for every page, and bound parameter by parameter).
with v as (
    select *
      from unnest(cast(:ids as uuid[]), cast(:accountIds as uuid[]), cast(:subscriberIds as uuid[]),
                  cast(:subscriptionIds as uuid[]), cast(:channels as varchar[]), cast(:purposes as varchar[]),
                  cast(:batchIds as varchar[]), cast(:listIds as varchar[]), cast(:keyVersions as integer[]),
                  cast(:sealed as bytea[]))
           as v (id, account_id, subscriber_id, subscription_id, channel, purpose, batch_id, list_id, key_version,
                 sealed)
),
message as (
    insert into dispatch_outbox (id, account_id, subscriber_id, subscription_id, channel, purpose, batch_id, list_id,
                                 key_version)
    select id, account_id, subscriber_id, subscription_id, channel, purpose, batch_id, list_id, key_version from v
)
insert into dispatch_outbox_content (message_id, sealed)
select id, sealed from v
