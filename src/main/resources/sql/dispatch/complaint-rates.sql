-- Each account's complaints per message handed to the relay over the last 30 days (accounts that handed none
-- are left out). Messages handed as in complaint-rate: hourly counts (V182) and the window's first, partial hour.
select h.account_id, coalesce(c.complaints, 0)::float8 / h.handed as rate
  from (select account_id, sum(messages) as handed
          from (select account_id, messages from dispatch_handed_hour
                 where hour > date_trunc('hour', now() - interval '30 days', 'UTC')
                union all
                select account_id, 1 from dispatch_outbox
                 where channel = 'EMAIL' and state in ('SENT', 'UNKNOWN')
                   and finished_at > now() - interval '30 days'
                   and finished_at < date_trunc('hour', now() - interval '30 days', 'UTC') + interval '1 hour') m
         group by account_id
        having sum(messages) > 0) h
  left join (select account_id, count(distinct message_id) as complaints from dispatch_feedback
              where kind = 'COMPLAINT' and recorded_at > now() - interval '30 days'
              group by account_id) c on c.account_id = h.account_id
