-- A campaign may be scheduled: a DRAFT with scheduled_for is sent by the server when that time comes (once, as a
-- send by hand: DRAFT to SENDING is the one step that starts it).
alter table campaigns_campaign add column scheduled_for timestamptz;

create index campaigns_campaign_due on campaigns_campaign (scheduled_for)
    where status = 'DRAFT' and scheduled_for is not null;

-- Every click on a campaign's link, by the link's number and when (no person): the campaign's charts of clicks
-- over time and per link. The recipient's first click stays on campaigns_recipient.
create table campaigns_click (
    campaign_id uuid        not null references campaigns_campaign (id),
    position    integer     not null,
    at          timestamptz not null
);

create index campaigns_click_campaign on campaigns_click (campaign_id, at);
