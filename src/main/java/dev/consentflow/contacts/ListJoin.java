package dev.consentflow.contacts;

import dev.consentflow.contacts.SubscriptionRef;


/**
 * What it takes to put a known person onto another list ({@link ListJoins#joinList}): nothing, because
 * they are on it; never, because they were erased; or a signup that the caller hands to a double opt-in (or, with
 * consent evidence the caller holds, confirms at once). Joining a list never bypasses consent.
 */
public sealed interface ListJoin {

    /** The person was erased: only their own confirmed opt-in brings them back (DESIGN.md rule 3). */
    record Erased(SubscriberId tombstoneId) implements ListJoin {
    }

    /**
     * The person is on the list already and nothing is to change: CONFIRMED, or PENDING while no consent is
     * given (their confirmation is on its way).
     */
    record AlreadyOn(SubscriptionRef subscription) implements ListJoin {
    }

    /** A signup of the card's own address to the list, with the caller's evidence; nothing is written yet. */
    record Needed(Signup signup) implements ListJoin {
    }
}
