package dev.consentflow.dispatch;

import dev.consentflow.accounts.AccountId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Implemented by the module that holds the people (contacts): dispatch asks it, just before each send, whether
 * the person may still receive this message and where it goes, and tells it about hard bounces.
 */
public interface RecipientDirectory {

    /**
     * The address for this message, or empty when it must be SUPPRESSED: the person was erased, the
     * subscription is unsubscribed or bounced, or (for list mail) not confirmed.
     */
    Optional<Recipient> resolve(AccountId account, UUID subscriberId, UUID subscriptionId, Channel channel,
                                Purpose purpose);

    /** What {@link #resolve} is asked about one message. */
    record Lookup(UUID subscriberId, UUID subscriptionId, Channel channel, Purpose purpose) {
    }

    /**
     * {@link #resolve} for many messages of one account at once (the rows a node just claimed): an answer for
     * every lookup, each as {@link #resolve} would give it. This default asks one by one.
     */
    default Map<Lookup, Optional<Recipient>> resolveAll(AccountId account, Collection<Lookup> lookups) {
        Map<Lookup, Optional<Recipient>> answers = new HashMap<>();
        for (Lookup lookup : lookups) {
            answers.put(lookup, resolve(account, lookup.subscriberId(), lookup.subscriptionId(), lookup.channel(),
                    lookup.purpose()));
        }
        return answers;
    }

    /** The relay refused the address for good (5xx): the subscription becomes BOUNCED. */
    void bounced(AccountId account, UUID subscriberId, UUID subscriptionId, String diagnostic);
}
