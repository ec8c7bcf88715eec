-- A campaign's first opens (per recipient) and its clicks (every click), per :unit ('hour' or 'day', UTC).
select at, sum(opens) as opens, sum(clicks) as clicks
  from (select date_trunc(:unit, opened_at at time zone 'UTC') as at, count(*) as opens, 0 as clicks
          from campaigns_recipient
         where campaign_id = :campaignId and opened_at is not null
         group by 1
        union all
        select date_trunc(:unit, at at time zone 'UTC') as at, 0 as opens, count(*) as clicks
          from campaigns_click
         where campaign_id = :campaignId
         group by 1) engagement
 group by at
 order by at
