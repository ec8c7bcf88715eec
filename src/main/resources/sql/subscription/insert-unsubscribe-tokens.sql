-- New unsubscribe tokens of many subscriptions in one statement (a campaign's page); a subscription that got its
-- token meanwhile (a parallel first mail) keeps that one and is not answered. VALUES_ROWS is one row of five
-- parameters per token, in the order of the column list.
insert into subscription_unsubscribe_token (subscription_id, account_id, token_hash, token_sealed, key_version)
values VALUES_ROWS
on conflict (subscription_id) do nothing
returning subscription_id
