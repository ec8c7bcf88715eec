package dev.consentflow.subscription.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The waiting requests. A new one makes its instance the one that waits for the click. A repeated one (the same
 * pending subscription, or the same pending resubscription) gets a new link only once the throttle window has
 * passed since the last one was requested; the lock on the waiting row makes parallel repeats count once.
 */
@Component
class ConfirmationRequests {

    /** What registering found, as both processes' gateways read it (by these names). */
    enum Registration {
        NEW_REQUEST,
        CONFIRMATION_DUE,
        CONFIRMATION_RECENT
    }

    private final ConfirmationRequestRepository requests;
    private final ConfirmationRows rows;
    private final SignupSettings settings;

    ConfirmationRequests(ConfirmationRequestRepository requests, ConfirmationRows rows,
                         SignupSettings settings) {
        this.requests = requests;
        this.rows = rows;
        this.settings = settings;
    }

    /** Registers the candidate's instance as the one that waits, unless one already waits for its subject. */
    Registration register(ConfirmationRequest candidate, boolean newRequest) {
        Instant now = candidate.createdAt();
        Optional<ConfirmationRequest> waiting = newRequest ? Optional.empty()
                : lockWaiting(candidate.purpose(), candidate.subjectId());
        if (waiting.isEmpty()) {
            // A new request, or a pending one nobody waits for any more (an import, a lost instance): this one does.
            rows.insert(candidate);
            return Registration.NEW_REQUEST;
        }
        if (waiting.get().lastRequestedAt().plus(settings.confirmationThrottle()).isAfter(now)) {
            return Registration.CONFIRMATION_RECENT;
        }
        requests.requestedAgain(waiting.get().processInstanceId(), now);
        return Registration.CONFIRMATION_DUE;
    }

    /** The request that waits for the subject's confirmation, locked. */
    Optional<ConfirmationRequest> lockWaiting(ConfirmationPurpose purpose, UUID subject) {
        return switch (purpose) {
            case SIGNUP -> requests.lockWaitingSignup(subject);
            case RESUBSCRIPTION -> requests.lockWaitingResubscription(subject);
        };
    }
}
