-- The ids of every process definition an account's instances can run (MessageCatchers): its own flows' and the
-- platform's (no tenant), all versions, since an older version's instances may still wait.
select id_ from act_re_procdef where tenant_id_ = :account or tenant_id_ is null
