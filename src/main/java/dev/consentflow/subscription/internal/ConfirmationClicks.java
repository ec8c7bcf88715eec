package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.engine.ProcessRuntime;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What a confirmation link does. Looking at it ({@code GET}) changes nothing, so mail scanners that fetch every
 * link confirm nobody. A click ({@code POST}) locks the double opt-in's row, so of fifty parallel clicks one
 * records the evidence and delivers the message to the waiting instance, by its id; the others wait for that
 * transaction and then find it confirmed. The instance's confirm step runs inside the click's transaction, so
 * the answer comes after CONFIRMED is committed. A link of a resubscription (a token of its own purpose) is
 * answered by {@link ResubscriptionClicks}, on the same pages.
 */
@Component
class ConfirmationClicks {

    enum Link {
        /** A valid link of an instance that waits: the page offers the confirm button. */
        WAITING,
        /** Confirmed before (by this link, another one of the same signup, or a parallel click). */
        ALREADY_CONFIRMED,
        /** This click confirmed it. */
        CONFIRMED,
        /** Unknown, expired, purged or never valid: one generic answer for all. */
        GONE
    }

    private final ConfirmationTokens tokens;
    private final DoubleOptInRepository doubleOptIns;
    private final ClickEvidenceSeal seal;
    private final ProcessRuntime runtime;
    private final TransactionRetry retry;
    private final ResubscriptionClicks resubscriptions;

    ConfirmationClicks(ConfirmationTokens tokens, DoubleOptInRepository doubleOptIns, ClickEvidenceSeal seal,
                       ProcessRuntime runtime, TransactionRetry retry, ResubscriptionClicks resubscriptions) {
        this.tokens = tokens;
        this.doubleOptIns = doubleOptIns;
        this.seal = seal;
        this.runtime = runtime;
        this.retry = retry;
        this.resubscriptions = resubscriptions;
    }

    Link look(String token) {
        Optional<ConfirmationToken> found = tokens.find(token);
        if (found.isEmpty()) {
            return resubscriptions.look(token);
        }
        return found
                .flatMap(t -> doubleOptIns.findById(t.processInstanceId()))
                .map(d -> switch (d.state()) {
                    case WAITING -> Link.WAITING;
                    case CONFIRMED -> Link.ALREADY_CONFIRMED;
                    case EXPIRED -> Link.GONE;
                })
                .orElse(Link.GONE);
    }

    Link click(String token, ConsentEvidence click) {
        if (tokens.find(token).isEmpty()) {
            return resubscriptions.click(token, click);
        }
        try {
            return retry.run(() -> clickOnce(token, click));
        } catch (NotWaiting e) {
            return Link.GONE;
        }
    }

    private Link clickOnce(String token, ConsentEvidence click) {
        Optional<DoubleOptIn> locked = tokens.find(token).flatMap(t -> doubleOptIns.lock(t.processInstanceId()));
        if (locked.isEmpty()) {
            return Link.GONE;
        }
        DoubleOptIn doubleOptIn = locked.get();
        switch (doubleOptIn.state()) {
            case CONFIRMED:
                return Link.ALREADY_CONFIRMED;
            case EXPIRED:
                return Link.GONE;
            default:
                break;
        }
        String instance = doubleOptIn.processInstanceId();
        doubleOptIns.confirmed(instance, click.at(),
                seal.seal(new AccountId(doubleOptIn.accountId()), instance, click));
        if (!runtime.correlate(DoubleOptInProcess.Message.CONFIRMATION_RECEIVED, instance, Map.of())) {
            // The instance was cancelled or broke: roll the click back and refuse the link like any other.
            throw new NotWaiting();
        }
        return Link.CONFIRMED;
    }

    private static final class NotWaiting extends RuntimeException {
        NotWaiting() {
            super("the double opt-in does not wait for a confirmation", null, false, false);
        }
    }
}
