package dev.consentflow.subscription.internal;

import org.springframework.stereotype.Component;

/**
 * {@code Task_PurgePendingSignup} and {@code Task_PurgePendingResubscription}: storage limitation. The request and
 * its links go, and contacts removes what waited for the confirmation: the pending subscription (and the card,
 * when nothing else holds it), or the resubscription's sealed address, audited there as PENDING_PURGED. An
 * unconfirmed request leaves nothing behind but its audit entries. Under the row lock: a click that won the race
 * keeps its confirmation, and this step then changes nothing.
 */
@Component
class ExpiredConfirmations {

    private final ConfirmationRequestRepository requests;
    private final ConfirmationSubjects subjects;

    ExpiredConfirmations(ConfirmationRequestRepository requests, ConfirmationSubjects subjects) {
        this.requests = requests;
        this.subjects = subjects;
    }

    void purge(String processInstanceId) {
        // The person's lock first, then the waiting row: the order a repeated request takes them in.
        requests.findById(processInstanceId).ifPresent(subjects::lockPerson);
        requests.lock(processInstanceId).filter(ConfirmationRequest::isWaiting).ifPresent(waiting -> {
            requests.expired(processInstanceId);
            subjects.purge(waiting);
        });
    }
}
