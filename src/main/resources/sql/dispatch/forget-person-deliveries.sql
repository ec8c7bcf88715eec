-- Erasure: the person's sent-mail history goes with the rest of their record.
delete from dispatch_delivery where account_id = :accountId and subscriber_id = :subscriberId
