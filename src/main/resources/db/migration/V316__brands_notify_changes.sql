-- Every change to a brand's record (made, changed, removed, or the table emptied) notifies the channel
-- consentflow_brands when it commits. Each node listens there (ChangeNotices) and keeps the brands its public pages
-- show only while it has heard of no change since it read them: a confirmation page no longer reads its brand.
create or replace function consentflow_notify_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify(tg_argv[0], '');
    return null;
end
$$;

create trigger brands_brand_changed
    after insert or update or delete or truncate on brands_brand
    for each statement execute function consentflow_notify_changed('consentflow_brands');
