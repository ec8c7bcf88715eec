-- A list's last :weeks ISO weeks (Mondays, UTC), oldest first: subscriptions confirmed in each week (growth) and
-- subscriptions that ended in it, unsubscribed or bounced (churn). Weeks without either are rows of zeros.
with weeks as (
    select generate_series(date_trunc('week', now() at time zone 'UTC') - (:weeks - 1) * interval '1 week',
                           date_trunc('week', now() at time zone 'UTC'), interval '1 week') as week
), joined as (
    select date_trunc('week', confirmed_at at time zone 'UTC') as week, count(*) as n
      from contacts_subscription
     where list_id = :listId and confirmed_at is not null
     group by 1
), churned as (
    select date_trunc('week', (case when status = 'BOUNCED' then coalesce(bounced_at, updated_at)
                                    else coalesce(unsubscribed_at, updated_at) end) at time zone 'UTC') as week,
           count(*) as n
      from contacts_subscription
     where list_id = :listId and status in ('UNSUBSCRIBED', 'BOUNCED')
     group by 1
)
select cast(w.week as date) as week, coalesce(j.n, 0) as joined, coalesce(c.n, 0) as churned
  from weeks w
  left join joined j on j.week = w.week
  left join churned c on c.week = w.week
 order by w.week
