select count(*) as queued,
       coalesce(extract(epoch from now() - min(created_at)), 0) as oldest_age_seconds
  from dispatch_outbox
 where state in ('QUEUED', 'SOFT_FAIL', 'SENDING')
