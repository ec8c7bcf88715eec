package dev.consentflow.subscription.internal;

import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.engine.ProcessRuntime;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What a confirmation link does, for a signup and a resubscription alike. Looking at it ({@code GET}) changes
 * nothing, so mail scanners that fetch every link confirm nobody. A click ({@code POST}) locks the request's row
 * (a resubscription's takes the address's lock first), so of fifty
 * parallel clicks one records the evidence and delivers the purpose's message to the waiting instance, by its
 * id; the others wait for that transaction and then find it confirmed. The instance's confirm step runs inside
 * the click's transaction, so the answer comes after the confirmation is committed.
 */
@Component
class ConfirmationClicks {

    enum Link {
        /** A valid link of a request that waits: the page offers the confirm button. */
        WAITING,
        /** Confirmed before (by this link, another one of the same request, or a parallel click). */
        ALREADY_CONFIRMED,
        /** This click confirmed it. */
        CONFIRMED,
        /** Unknown, expired, purged or never valid: one generic answer for all. */
        GONE
    }

    private final ConfirmationTokens tokens;
    private final ConfirmationRequestRepository requests;
    private final ConfirmationSubjects subjects;
    private final ClickEvidenceSeal seal;
    private final ProcessRuntime runtime;
    private final TransactionRetry retry;

    ConfirmationClicks(ConfirmationTokens tokens, ConfirmationRequestRepository requests,
                       ConfirmationSubjects subjects, ClickEvidenceSeal seal, ProcessRuntime runtime,
                       TransactionRetry retry) {
        this.tokens = tokens;
        this.requests = requests;
        this.subjects = subjects;
        this.seal = seal;
        this.runtime = runtime;
        this.retry = retry;
    }

    /** The request a link leads to, if it is one of ours and the request is still there. */
    Optional<ConfirmationRequest> request(String token) {
        return tokens.find(token).flatMap(link -> requests.findById(link.processInstanceId()));
    }

    Link look(String token) {
        return request(token).map(request -> request.isWaiting() ? Link.WAITING : Link.ALREADY_CONFIRMED)
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
        Optional<ConfirmationToken> link = tokens.find(token);
        if (link.isEmpty()) {
            return Link.GONE;
        }
        lockAddressFirst(link.get());
        Optional<ConfirmationRequest> locked = requests.lock(link.get().processInstanceId());
        if (locked.isEmpty()) {
            return Link.GONE;
        }
        if (!locked.get().isWaiting()) {
            return Link.ALREADY_CONFIRMED;
        }
        ConfirmationRequest request = locked.get();
        String instance = request.processInstanceId();
        requests.confirmed(instance, click.at(), seal.seal(request.account(), instance, click));
        if (!runtime.correlate(request.purpose().clickMessage, instance, Map.of())) {
            // The instance was cancelled or broke: roll the click back and refuse the link like any other.
            throw new NotWaiting();
        }
        return Link.CONFIRMED;
    }

    /**
     * A resubscription's confirmation makes a new card for the address, so its click takes the address's lock
     * before the row's, the order a signup of the address takes them in. A signup's confirmation changes only its
     * own subscription, under the row's lock.
     */
    private void lockAddressFirst(ConfirmationToken link) {
        if (link.purpose() == ConfirmationPurpose.RESUBSCRIPTION) {
            requests.findById(link.processInstanceId()).filter(ConfirmationRequest::isWaiting)
                    .ifPresent(subjects::lockPerson);
        }
    }

    private static final class NotWaiting extends RuntimeException {
        NotWaiting() {
            super("the confirmation request does not wait for a click", null, false, false);
        }
    }
}
