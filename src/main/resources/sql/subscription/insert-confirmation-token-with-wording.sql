-- A new confirmation link (as insert-confirmation-token.sql), reading in the same statement the list's own wording of
-- the mail that carries it (subscription_mail_template, none: no row): one round trip where a confirmation mail made
-- two. The insert runs whether or not its count is read; made says it did.
with made as (
    insert into subscription_confirmation_request_token (token_hash, purpose, process_instance_id, created_at)
    values (:tokenHash, :purpose, :processInstanceId, :createdAt)
    returning 1)
select (select count(*) from made) as made, t.subject, t.html, t.text
  from (values (1)) as one (x)
  left join subscription_mail_template t on t.list_id = :listId and t.kind = :kind
