-- A batch's messages by state: the counts the outbox's triggers keep (V180; a session's shard may be negative, the
-- sum is the count), and those ledger retention removed (kept as counts). Reads as many rows as the batch has
-- states and sessions that changed them, whatever its size.
select state, sum(messages) as messages
  from (select state, messages
          from dispatch_batch_count
         where batch_id = :batchId
        union all
        select removed.state, removed.messages
          from dispatch_retired_batch r
         cross join lateral (values ('SENT', r.sent), ('HARD_FAIL', r.hard_failed), ('SUPPRESSED', r.suppressed),
                                    ('EXPIRED', r.expired), ('UNKNOWN', r.unknown)) as removed (state, messages)
         where r.batch_id = :batchId) ledger
 group by state
