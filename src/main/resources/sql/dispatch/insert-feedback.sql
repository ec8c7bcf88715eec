-- Once per source and event id: a repeated report inserts nothing (and so has no second effect).
insert into dispatch_feedback (source, event_id, message_id, kind, diagnostic, reported_at)
values (:source, :eventId, :messageId, :kind, :diagnostic, :reportedAt)
on conflict (source, event_id) do nothing
