-- Ledger retention: removes up to :limit single messages (no batch: confirmations, welcome and automation mail)
-- that reached their final state before :before; the person's history keeps each (dispatch_delivery). Answers how
-- many went per account.
with gone as (
    delete from dispatch_outbox
     where id in (select id from dispatch_outbox
                   where batch_id is null and finished_at < :before
                     and state in ('SENT', 'HARD_FAIL', 'SUPPRESSED', 'EXPIRED', 'UNKNOWN')
                   limit :limit)
    returning account_id
)
select account_id, count(*) as messages
  from gone
 group by account_id
