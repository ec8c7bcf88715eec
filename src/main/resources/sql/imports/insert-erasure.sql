-- An erased person whose address must leave the account's waiting and running imports (in the erasure's transaction).
insert into imports_erasure (account_id, subscriber_id) values (:accountId, :subscriberId) on conflict do nothing
