-- Issue 19, an imported row's cost: every new card was written into two indexes of its address, the live cards'
-- unique one (account, address) and "every card of the address, the newest first" (account, address, created).
-- The second now holds the tombstones only (erased_at is not null): "every card of an address" reads the live
-- card from the unique index and the tombstones from this one (ContactRepository, import-cards-by-*.sql), and
-- sorts the few it finds. A new card goes into one address index instead of two; an erasure still writes one
-- entry (into the tombstones' index instead of the old one).
--
-- contacts_subscription_account (account_id) served one query only, the inventory's consent texts, which now goes
-- through the account's lists and contacts_subscription_audience (list_id, status): one index entry less per
-- subscription.
--
-- Locks: plain CREATE INDEX inside Flyway's transaction holds a SHARE lock on contacts_contact (writes wait,
-- reads go on) while it scans the table once; the new indexes are small (tombstones only), so that is one
-- sequential scan, about a second per million cards. CONCURRENTLY cannot run in a transaction and would leave an
-- invalid index behind after a failed start; it was not worth that here. The drops take their lock for a moment.
create index contacts_contact_email_tombstones on contacts_contact (account_id, email_index)
    where erased_at is not null and email_index is not null;
create index contacts_contact_mobile_tombstones on contacts_contact (account_id, mobile_index)
    where erased_at is not null and mobile_index is not null;
drop index contacts_contact_email_newest;
drop index contacts_contact_mobile_newest;

drop index contacts_subscription_account;
