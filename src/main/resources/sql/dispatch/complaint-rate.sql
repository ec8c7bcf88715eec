-- One account's complaints per message handed to the relay over the last 30 days.
select coalesce((select count(distinct message_id) from dispatch_feedback
                  where account_id = :accountId and kind = 'COMPLAINT'
                    and recorded_at > now() - interval '30 days'), 0)::float8
       / greatest(1, (select count(*) from dispatch_outbox
                       where account_id = :accountId and channel = 'EMAIL' and state in ('SENT', 'UNKNOWN')
                         and finished_at > now() - interval '30 days'))
