-- Issue 19, what a confirmation costs PostgreSQL: every confirmed subscription's unsubscribe token (a click's
-- welcome, a confirmed import's rows) went into three indexes. The one on account_id alone served no query: the
-- tokens are read by subscription (the primary key), by their hash (unique), and an erasure deletes them by account
-- and subscription ids, which the primary key finds (UnsubscribeTokenRepository; nothing else reads the table).
-- Its foreign key to accounts_account would use it only when an account row is deleted, which the server never
-- does. One index entry less per confirmed subscription; SignupConfirmCostBench (-Dbench.statements=true) showed
-- it never scanned.
--
-- Locks: ACCESS EXCLUSIVE on subscription_unsubscribe_token for a moment (no rebuild, no scan).
drop index subscription_unsubscribe_token_account;
