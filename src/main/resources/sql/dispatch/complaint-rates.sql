-- Each account's complaints per message handed to the relay over the last 30 days (accounts that handed none
-- are left out).
select h.account_id, coalesce(c.complaints, 0)::float8 / h.handed as rate
  from (select account_id, count(*) as handed from dispatch_outbox
         where channel = 'EMAIL' and state in ('SENT', 'UNKNOWN') and finished_at > now() - interval '30 days'
         group by account_id) h
  left join (select account_id, count(distinct message_id) as complaints from dispatch_feedback
              where kind = 'COMPLAINT' and recorded_at > now() - interval '30 days'
              group by account_id) c on c.account_id = h.account_id
