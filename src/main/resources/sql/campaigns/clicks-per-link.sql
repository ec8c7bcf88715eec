-- The clicks on each of a campaign's links, in the order the links stand in its template.
select l.position, l.url, count(k.at) as clicks
  from campaigns_link l
  left join campaigns_click k on k.campaign_id = l.campaign_id and k.position = l.position
 where l.campaign_id = :campaignId
 group by l.position, l.url
 order by l.position
