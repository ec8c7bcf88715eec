-- A form's funnel from an account's audit chain: the subscriptions it created (SUBSCRIBED entries naming the form
-- key), and how many of those subscriptions were then confirmed or purged unconfirmed.
with posted as (
    select detail ->> 'subscriptionId' as subscription
      from consent_audit_entry
     where account_id = :accountId and action = 'SUBSCRIBED' and detail ->> 'formKey' = :formKey
)
select (select count(*) from posted) as subscribed,
       (select count(distinct e.detail ->> 'subscriptionId') from consent_audit_entry e
         where e.account_id = :accountId and e.action = 'CONFIRMED'
           and e.detail ->> 'subscriptionId' in (select subscription from posted)) as confirmed,
       (select count(distinct e.detail ->> 'subscriptionId') from consent_audit_entry e
         where e.account_id = :accountId and e.action = 'PENDING_PURGED'
           and e.detail ->> 'subscriptionId' in (select subscription from posted)) as expired
