-- A batch's messages by state: those in the outbox, and those ledger retention removed (kept as counts).
select state, sum(messages) as messages
  from (select state, count(*) as messages
          from dispatch_outbox
         where batch_id = :batchId
         group by state
        union all
        select removed.state, removed.messages
          from dispatch_retired_batch r
         cross join lateral (values ('SENT', r.sent), ('HARD_FAIL', r.hard_failed), ('SUPPRESSED', r.suppressed),
                                    ('EXPIRED', r.expired), ('UNKNOWN', r.unknown)) as removed (state, messages)
         where r.batch_id = :batchId) ledger
 group by state
