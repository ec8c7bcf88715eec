-- A campaign pauses itself when its hard-bounce or complaint rate passes the account's thresholds; the marketer
-- resumes it. resumed_at remembers that a person chose to go on, so the same rates do not pause it again.
alter table campaigns_campaign drop constraint campaigns_campaign_status_check;
alter table campaigns_campaign add constraint campaigns_campaign_status_check
    check (status in ('DRAFT', 'SENDING', 'PAUSED', 'SENT'));
alter table campaigns_campaign add column paused_at timestamptz;
alter table campaigns_campaign add column pause_reason varchar(200);
alter table campaigns_campaign add column resumed_at timestamptz;

-- The account's thresholds (null: the defaults, 5 % hard bounces and 0.1 % complaints).
create table campaigns_deliverability_settings (
    account_id      uuid          primary key references accounts_account (id),
    hard_bounce_rate numeric(6,5) not null check (hard_bounce_rate > 0 and hard_bounce_rate <= 1),
    complaint_rate   numeric(6,5) not null check (complaint_rate > 0 and complaint_rate <= 1),
    updated_at       timestamptz  not null,
    updated_by       varchar(100) not null
);
