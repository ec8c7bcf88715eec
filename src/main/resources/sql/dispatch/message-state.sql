-- A message's state: in the outbox, or, once ledger retention removed it, in the person's history.
select state from dispatch_outbox where id = :id and account_id = :accountId
union all
select state from dispatch_delivery
 where message_id = :id and account_id = :accountId
   and not exists (select 1 from dispatch_outbox where id = :id)
