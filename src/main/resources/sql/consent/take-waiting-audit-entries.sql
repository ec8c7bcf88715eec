-- The committed entries of a chain that wait, oldest first, up to :limit, taken out of the waiting room, each with
-- the chain's head they are to follow (head_seq null: the chain is empty). One statement where it was four (read
-- the entries, delete them, make sure a head row exists, read it). The caller holds the chain's lock
-- (AuditChainer.lock) since an earlier statement, so this statement's snapshot shows the head the last holder
-- committed, and nobody else takes these entries or moves the head until the caller commits.
with taken as (
    delete from consent_audit_pending
     where id in (select id from consent_audit_pending where account_id = :chain order by id limit :limit)
    returning id, at, subscriber_id, action, actor, detail, process_instance_id)
select taken.id, taken.at, taken.subscriber_id, taken.action, taken.actor, taken.detail::text as detail,
       taken.process_instance_id, head.seq as head_seq, head.hash as head_hash
  from taken
  left join consent_audit_head head on head.account_id = :chain
 order by taken.id
