-- An erasure forgets every double opt-in of the person (and, by cascade, their confirmation tokens).
create index subscription_double_opt_in_subscriber on subscription_double_opt_in (account_id, subscriber_id);
