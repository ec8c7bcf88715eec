-- Claims due rows of one channel for one node. SKIP LOCKED lets several nodes claim at once without waiting
-- for, or taking, each other's rows; the lease says until when the rows are this node's. Rows of a paused batch
-- (a campaign that paused itself) wait: pausing pushes them to the end of time, and the check here catches the
-- ones enqueued while it paused. The sealed content comes from its own table (V170).
with claimed as (
    update dispatch_outbox o
       set state = 'SENDING', lease_owner = :node,
           lease_expires_at = now() + make_interval(secs => :leaseSeconds), started_at = null
     where o.id in (select id from dispatch_outbox d
                     where state in ('QUEUED', 'SOFT_FAIL') and channel = :channel and next_attempt_at <= now()
                       and (d.batch_id is null
                            or not exists (select 1 from dispatch_paused_batch p where p.batch_id = d.batch_id))
                     order by next_attempt_at
                     limit :limit
                       for update skip locked)
    returning o.id, o.account_id, o.subscriber_id, o.subscription_id, o.channel, o.purpose, o.list_id, o.attempts,
              o.key_version
)
select c.id, c.account_id, c.subscriber_id, c.subscription_id, c.channel, c.purpose, c.list_id, c.attempts,
       c.key_version, x.sealed as sealed_content
  from claimed c
  left join dispatch_outbox_content x on x.message_id = c.id
