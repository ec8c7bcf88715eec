-- Whether the account (or the platform, without a tenant) has any subscription to the message: a deployed flow's
-- message start event or an instance waiting for it. Two probes of consentflow_act_ru_event_subscr_name_tenant,
-- each stopping at the first row, instead of counting every subscription of the name across all accounts.
select exists (select 1 from act_ru_event_subscr
               where event_name_ = :name and tenant_id_ = :account and event_type_ = 'message')
    or exists (select 1 from act_ru_event_subscr
               where event_name_ = :name and tenant_id_ is null and event_type_ = 'message')
