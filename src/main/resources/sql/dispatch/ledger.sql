select state, count(*) as messages
  from dispatch_outbox
 where batch_id = :batchId
 group by state
