-- Issue 19, an imported row's cost: every new subscription had three foreign-key checks, each a look-up in its
-- own statement (an import of a million rows runs three million of them). Two of them, its account and its list,
-- become one: the list of the subscription's own account. That is one look-up fewer per subscription and a
-- stronger rule than before: a subscription can no longer name another account's list (the account it names
-- exists because the list's account does: contacts_list.account_id references accounts_account). Neither lists
-- nor accounts are ever deleted or moved to another account, so nothing else changes.
--
-- Locks: Flyway runs this in one transaction, so from the new key on both tables stay locked against writes
-- (SHARE ROW EXCLUSIVE) until it commits: signups wait for the validation's scan of the subscriptions (a join
-- with the lists; seconds per million subscriptions). The unique key builds a small index on contacts_list; the old
-- keys are dropped without a rebuild.
alter table contacts_list add constraint contacts_list_id_of_account unique (id, account_id);
alter table contacts_subscription add constraint contacts_subscription_list_of_account
    foreign key (list_id, account_id) references contacts_list (id, account_id) not valid;
alter table contacts_subscription validate constraint contacts_subscription_list_of_account;
alter table contacts_subscription drop constraint contacts_subscription_account_id_fkey;
alter table contacts_subscription drop constraint contacts_subscription_list_id_fkey;
