package dev.consentflow.subscription.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
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
    private final ConfirmationTokens tokens;

    ConfirmationRequests(ConfirmationRequestRepository requests, ConfirmationRows rows,
                         SignupSettings settings, ConfirmationTokens tokens) {
        this.tokens = tokens;
        this.requests = requests;
        this.rows = rows;
        this.settings = settings;
    }

    /** Registers the candidate's instance as the one that waits, unless one already waits for its subject. */
    Registration register(ConfirmationRequest candidate, boolean newRequest) {
        return register(candidate, newRequest, () -> {
            rows.insert(candidate);
            return null;
        }).registration();
    }

    /** What registering found, and a new request's first link (null for a request that waited already). */
    record Registered(Registration registration, ConfirmationTokens.Issued firstLink) {
    }

    /**
     * As {@link #register(ConfirmationRequest, boolean)}; a new request is written with its first link, and the
     * list's own wording of the first confirmation mail read, in one statement.
     */
    Registered registerWithFirstLink(ConfirmationRequest candidate, boolean newRequest, UUID listId) {
        return register(candidate, newRequest, () -> tokens.issueWithRequest(candidate, listId,
                ConfirmationMessages.kind(candidate.purpose(), false)));
    }

    private Registered register(ConfirmationRequest candidate, boolean newRequest,
                                Supplier<ConfirmationTokens.Issued> insert) {
        Instant now = candidate.createdAt();
        Optional<ConfirmationRequest> waiting = newRequest ? Optional.empty()
                : lockWaiting(candidate.purpose(), candidate.subjectId());
        if (waiting.isEmpty()) {
            // A new request, or a pending one nobody waits for any more (an import, a lost instance): this one does.
            return new Registered(Registration.NEW_REQUEST, insert.get());
        }
        if (waiting.get().lastRequestedAt().plus(settings.confirmationThrottle()).isAfter(now)) {
            return new Registered(Registration.CONFIRMATION_RECENT, null);
        }
        requests.requestedAgain(waiting.get().processInstanceId(), now);
        return new Registered(Registration.CONFIRMATION_DUE, null);
    }

    /** The request that waits for the subject's confirmation, locked. */
    Optional<ConfirmationRequest> lockWaiting(ConfirmationPurpose purpose, UUID subject) {
        return switch (purpose) {
            case SIGNUP -> requests.lockWaitingSignup(subject);
            case RESUBSCRIPTION -> requests.lockWaitingResubscription(subject);
        };
    }
}
