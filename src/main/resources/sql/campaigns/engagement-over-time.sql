-- A campaign's first opens (per recipient) and its clicks (every click), per quarter of an hour: the hours and days
-- of every zone in use start on one, so CampaignCharts groups them into the reader's hours or days.
select at, sum(opens) as opens, sum(clicks) as clicks
  from (select to_timestamp(floor(extract(epoch from opened_at) / 900) * 900) as at, count(*) as opens,
               0 as clicks
          from campaigns_recipient
         where campaign_id = :campaignId and opened_at is not null
         group by 1
        union all
        select to_timestamp(floor(extract(epoch from at) / 900) * 900) as at, 0 as opens, count(*) as clicks
          from campaigns_click
         where campaign_id = :campaignId
         group by 1) engagement
 group by at
 order by at
