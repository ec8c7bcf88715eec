package dev.consentflow.contacts;

import dev.consentflow.accounts.AccountId;
import java.time.Instant;

/** Records behaviour events (opens, clicks, places) on cards, for tracking and automation. */
public interface ContactEvents {

    /**
     * Adds an event to a card in the caller's transaction, its details encrypted under the card's key. Does
     * nothing for a card that does not exist in the account or was erased (a late open of an erased person).
     *
     * @return whether the event was recorded
     */
    boolean record(AccountId account, SubscriberId subscriber, BehaviourEvent event);

    /**
     * How many opens and clicks of the person's mail were recorded at or after {@code since}: how an automation
     * branches on engagement. An unknown or erased card has none.
     */
    long engagementsSince(AccountId account, SubscriberId subscriber, Instant since);
}
