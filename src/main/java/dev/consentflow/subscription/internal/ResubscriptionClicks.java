package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.PendingResubscriptions;
import dev.consentflow.contacts.ResubscriptionId;
import dev.consentflow.engine.ProcessRuntime;
import dev.consentflow.subscription.internal.ConfirmationClicks.Link;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What a resubscribe confirmation link does, as {@link ConfirmationClicks} does for a double opt-in: a look
 * changes nothing; a click takes the address's lock (the order a signup of the address takes its locks in),
 * then the instance's row, records the evidence and delivers the message to the waiting instance by its id, whose
 * next step makes the new card inside the click's transaction. Of many clicks one does it; the others find it
 * confirmed.
 */
@Component
class ResubscriptionClicks {

    private final ResubscribeTokens tokens;
    private final ResubscribeRepository rows;
    private final ClickEvidenceSeal seal;
    private final ProcessRuntime runtime;
    private final PendingResubscriptions contacts;
    private final TransactionRetry retry;

    ResubscriptionClicks(ResubscribeTokens tokens, ResubscribeRepository rows, ClickEvidenceSeal seal,
                         ProcessRuntime runtime, PendingResubscriptions contacts, TransactionRetry retry) {
        this.tokens = tokens;
        this.rows = rows;
        this.seal = seal;
        this.runtime = runtime;
        this.contacts = contacts;
        this.retry = retry;
    }

    Link look(String token) {
        return tokens.find(token).flatMap(rows::findById)
                .map(row -> row.isWaiting() ? Link.WAITING : Link.ALREADY_CONFIRMED)
                .orElse(Link.GONE);
    }

    Link click(String token, ConsentEvidence click) {
        try {
            return retry.run(() -> clickOnce(token, click));
        } catch (NotWaiting e) {
            return Link.GONE;
        }
    }

    private Link clickOnce(String token, ConsentEvidence click) {
        Optional<Resubscribe> found = tokens.find(token).flatMap(rows::findById);
        if (found.isEmpty()) {
            return Link.GONE;
        }
        if (!found.get().isWaiting()) {
            return Link.ALREADY_CONFIRMED;
        }
        AccountId account = new AccountId(found.get().accountId());
        contacts.lockPerson(account, new ResubscriptionId(found.get().resubscriptionId()));
        Optional<Resubscribe> locked = rows.lock(found.get().processInstanceId());
        if (locked.isEmpty()) {
            return Link.GONE;
        }
        if (!locked.get().isWaiting()) {
            return Link.ALREADY_CONFIRMED;
        }
        String instance = locked.get().processInstanceId();
        rows.confirmed(instance, click.at(), seal.seal(account, instance, click));
        if (!runtime.correlate(ResubscribeProcess.Message.CONFIRMATION_RECEIVED, instance, Map.of())) {
            // The instance was cancelled or broke: roll the click back and refuse the link like any other.
            throw new NotWaiting();
        }
        return Link.CONFIRMED;
    }

    private static final class NotWaiting extends RuntimeException {
        NotWaiting() {
            super("the resubscription does not wait for a confirmation", null, false, false);
        }
    }
}
