delete from imports_erasure where account_id = :accountId and subscriber_id = :subscriberId
