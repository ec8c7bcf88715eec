-- A signup's new request (as insert-confirmation-request.sql) with its first confirmation link (as
-- insert-confirmation-token.sql), reading in the same statement the list's own wording of the mail that carries the
-- link (subscription_mail_template, none: no row): one round trip where a signup made three. Both inserts run whether
-- or not their counts are read (the link's foreign key is checked at the statement's end, when the request is there);
-- requested and made say they did.
with requested as (
    insert into subscription_confirmation_request (process_instance_id, purpose, request_id, account_id,
                                                   subscriber_id, subscription_id, tombstone_id, resubscription_id,
                                                   list_key, channel, state, created_at, last_requested_at)
    values (:processInstanceId, :purpose, :requestId, :accountId, :subscriberId, :subscriptionId, :tombstoneId,
            :resubscriptionId, :listKey, :channel, :state, :createdAt, :lastRequestedAt)
    returning 1),
made as (
    insert into subscription_confirmation_request_token (token_hash, purpose, process_instance_id, created_at)
    values (:tokenHash, :purpose, :processInstanceId, :tokenCreatedAt)
    returning 1)
select (select count(*) from requested) as requested, (select count(*) from made) as made, t.subject, t.html, t.text
  from (values (1)) as one (x)
  left join subscription_mail_template t on t.list_id = :listId and t.kind = :kind
