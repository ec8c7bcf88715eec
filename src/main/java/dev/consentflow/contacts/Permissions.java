package dev.consentflow.contacts;

import dev.consentflow.accounts.AccountId;
import java.util.Optional;

/** What a person's card allows, as the console and erasure requests ask before acting on it. */
public interface Permissions {

    /**
     * The permission of a card of the account ({@link Permission#DELETED} once erased), or empty when the account
     * has no such card.
     */
    Optional<Permission> permission(AccountId account, SubscriberId subscriber);
}
