package dev.consentflow.subscription.internal;

import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.engine.ProcessRuntime;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a confirmation link does, for a signup and a resubscription alike. Looking at it ({@code GET}) changes
 * nothing, so mail scanners that fetch every link confirm nobody. A click ({@code POST}) locks the request's row
 * (a resubscription's takes the address's lock first), so of fifty
 * parallel clicks one records the evidence and delivers the purpose's message to the waiting instance, by its
 * id; the others wait for that transaction and then find it confirmed. The instance runs to its end inside the
 * click's transaction (confirm step, welcome queued in the outbox, the hand-over to flows that listen), so the
 * answer comes after the confirmation is committed, and no job is left behind.
 *
 * <p>Each request resolves its link once, in its one transaction, and answers with what it read ({@link Visit}):
 * the page's language and brand come from the request and list read there, never from a second look-up (and
 * never from a cache, so a link revoked, used up or erased is seen as such at once).
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

    /**
     * What a request found behind a link: what the link does, and the request and its list when the link leads to
     * one (both null for a link that leads nowhere; the list null too once the request's subscription is gone).
     */
    record Visit(Link link, ConfirmationRequest request, ListInfo list) {

        static final Visit NOWHERE = new Visit(Link.GONE, null, null);

        Optional<ListInfo> foundList() {
            return Optional.ofNullable(list);
        }
    }

    private final ConfirmationTokens tokens;
    private final ConfirmationRequestRepository requests;
    private final ConfirmationSubjects subjects;
    private final ProcessRuntime runtime;
    private final GroupCommit groups;
    private final ClickHandOver handOver;
    private final ConfirmationRows rows;

    ConfirmationClicks(ConfirmationTokens tokens, ConfirmationRequestRepository requests,
                       ConfirmationSubjects subjects, ProcessRuntime runtime, GroupCommit groups,
                       ClickHandOver handOver, ConfirmationRows rows) {
        this.tokens = tokens;
        this.rows = rows;
        this.requests = requests;
        this.subjects = subjects;
        this.runtime = runtime;
        this.groups = groups;
        this.handOver = handOver;
    }

    /** What the link shows, read in one transaction: the link and its request in one statement, then its list. */
    @Transactional(readOnly = true)
    Visit look(String token) {
        if (!ConfirmationTokens.isWellFormed(token)) {
            return Visit.NOWHERE;
        }
        return requests.findOfLink(tokens.hash(ConfirmationPurpose.SIGNUP, token),
                        tokens.hash(ConfirmationPurpose.RESUBSCRIPTION, token))
                .map(request -> new Visit(request.isWaiting() ? Link.WAITING : Link.ALREADY_CONFIRMED, request,
                        subjects.list(request).orElse(null)))
                .orElse(Visit.NOWHERE);
    }

    Visit click(String token, ConsentEvidence click) {
        if (!ConfirmationTokens.isWellFormed(token)) {
            return Visit.NOWHERE;
        }
        try {
            // Alone, or with the clicks and posts that arrive meanwhile (GroupCommit), each answered as if alone; a
            // group runs its clicks in the order of their links, so double clicks lock in the same order everywhere.
            return groups.run(token, () -> clickOnce(token, click));
        } catch (NotWaiting e) {
            return new Visit(Link.GONE, e.request, e.list);
        }
    }

    private Visit clickOnce(String token, ConsentEvidence click) {
        // A signup's link is found and its request locked in one statement; any other link as below.
        Optional<ConfirmationRequest> locked = rows.lockSignupOfLink(
                tokens.hash(ConfirmationPurpose.SIGNUP, token));
        if (locked.isEmpty()) {
            Optional<ConfirmationToken> link = tokens.find(token);
            if (link.isEmpty()) {
                return Visit.NOWHERE;
            }
            lockAddressFirst(link.get());
            locked = requests.lock(link.get().processInstanceId());
            if (locked.isEmpty()) {
                return Visit.NOWHERE;
            }
        }
        ConfirmationRequest request = locked.get();
        if (!request.isWaiting()) {
            return new Visit(Link.ALREADY_CONFIRMED, request, subjects.list(request).orElse(null));
        }
        // Locked in the order the confirm step locks (the request's row, then the subscription's), read once.
        ListInfo list = subjects.lockForConfirmation(request).orElse(null);
        handOver.clicked(request, click, list);
        if (!runtime.correlate(request.purpose().clickMessage, request.processInstanceId(), Map.of())) {
            // The instance was cancelled or broke: roll the click back and refuse the link like any other.
            throw new NotWaiting(request, list);
        }
        return new Visit(Link.CONFIRMED, request, list);
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
        private final transient ConfirmationRequest request;
        private final transient ListInfo list;

        NotWaiting(ConfirmationRequest request, ListInfo list) {
            super("the confirmation request does not wait for a click", null, false, false);
            this.request = request;
            this.list = list;
        }
    }
}
