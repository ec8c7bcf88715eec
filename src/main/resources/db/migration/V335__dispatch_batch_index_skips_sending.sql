-- A claim no longer adds an entry to the index of a batch's messages (issue #19). A message's claim (QUEUED to
-- SENDING) and its end (SENDING to a final state) change the state, which the outbox's partial indexes name, so
-- neither is a HOT update: each adds an entry to every index whose predicate the new row version meets. This index
-- met every state, so each message left three entries in it (enqueued, claimed, ended), the claimed one read by
-- no statement: the batch's statements look for rows waiting (hold-paused, release-paused), ended
-- (remove-batch-messages, batch-feedback), or any (retired-batch, which counts the few SENDING rows of a batch
-- through dispatch_outbox_leased, the index of every SENDING row, as erasure's suppression does since V170).
-- Built before the old one is dropped, so the batch's statements always have one; like V170, the build holds
-- writes to the outbox back for as long as it takes (one pass over the table), reads go on.
create index dispatch_outbox_batch_not_sending on dispatch_outbox (batch_id, state)
    where batch_id is not null
      and state in ('QUEUED', 'SOFT_FAIL', 'SENT', 'HARD_FAIL', 'SUPPRESSED', 'EXPIRED', 'UNKNOWN');
drop index dispatch_outbox_batch;
alter index dispatch_outbox_batch_not_sending rename to dispatch_outbox_batch;
