select state from dispatch_outbox where id = :id and account_id = :accountId
