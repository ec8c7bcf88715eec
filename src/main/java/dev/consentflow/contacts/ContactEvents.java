package dev.consentflow.contacts;

import dev.consentflow.accounts.AccountId;

/** Records behaviour events (opens, clicks, places) on cards, for tracking and automation. */
public interface ContactEvents {

    /**
     * Adds an event to a card in the caller's transaction, its details encrypted under the card's key. Does
     * nothing for a card that does not exist in the account or was erased (a late open of an erased person).
     *
     * @return whether the event was recorded
     */
    boolean record(AccountId account, SubscriberId subscriber, BehaviourEvent event);
}
