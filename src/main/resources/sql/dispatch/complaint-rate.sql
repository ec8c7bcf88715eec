-- One account's complaints per message handed to the relay over the last 30 days. The messages handed come from
-- the hourly counts the outbox's trigger keeps (V182) for the window's whole hours, and from the outbox for its
-- first, partial hour, so the read does not grow with what the account sent.
select coalesce((select count(distinct message_id) from dispatch_feedback
                  where account_id = :accountId and kind = 'COMPLAINT'
                    and recorded_at > now() - interval '30 days'), 0)::float8
       / greatest(1, (select coalesce(sum(messages), 0) from dispatch_handed_hour
                       where account_id = :accountId
                         and hour > date_trunc('hour', now() - interval '30 days', 'UTC'))
                     + (select count(*) from dispatch_outbox
                         where account_id = :accountId and channel = 'EMAIL' and state in ('SENT', 'UNKNOWN')
                           and finished_at > now() - interval '30 days'
                           and finished_at < date_trunc('hour', now() - interval '30 days', 'UTC')
                                             + interval '1 hour'))
