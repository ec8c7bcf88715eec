-- A new confirmation link: its HMAC, never the token (V150).
insert into subscription_confirmation_request_token (token_hash, purpose, process_instance_id, created_at)
values (:tokenHash, :purpose, :processInstanceId, :createdAt)
