-- A signed post's one-time token; nothing inserted means it was seen before (a replay).
insert into dispatch_webhook_token (source, token) values (:source, :token)
on conflict (source, token) do nothing
