select count(*) from dispatch_delivery where account_id = :accountId and subscriber_id = :subscriberId
