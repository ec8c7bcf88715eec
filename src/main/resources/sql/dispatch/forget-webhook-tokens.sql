-- Tokens older than any timestamp the age check still accepts can never be replayed.
delete from dispatch_webhook_token where seen_at < now() - make_interval(secs => :olderThanSeconds)
