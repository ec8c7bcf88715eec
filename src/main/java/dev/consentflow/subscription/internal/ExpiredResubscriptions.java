package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.PendingResubscriptions;
import dev.consentflow.contacts.ResubscriptionId;
import org.springframework.stereotype.Component;

/**
 * {@code Task_PurgePendingResubscription}: an unconfirmed resubscription leaves nothing behind but its audit
 * entries. Its links and this instance's row go, and contacts deletes the sealed address (auditing
 * PENDING_PURGED on the tombstone). Under the row lock: a click that won the race keeps its confirmation, and
 * this step then changes nothing.
 */
@Component
class ExpiredResubscriptions {

    private final ResubscribeRepository rows;
    private final PendingResubscriptions contacts;

    ExpiredResubscriptions(ResubscribeRepository rows, PendingResubscriptions contacts) {
        this.rows = rows;
        this.contacts = contacts;
    }

    void purge(String processInstanceId) {
        // The person's lock first, then the waiting row: the order a repeated request takes them in.
        rows.findById(processInstanceId).ifPresent(row -> contacts.lockPerson(
                new AccountId(row.accountId()), new ResubscriptionId(row.resubscriptionId())));
        rows.lock(processInstanceId).filter(Resubscribe::isWaiting).ifPresent(waiting -> {
            rows.expired(processInstanceId);
            contacts.purgeExpiredResubscription(new AccountId(waiting.accountId()),
                    new ResubscriptionId(waiting.resubscriptionId()));
        });
    }
}
