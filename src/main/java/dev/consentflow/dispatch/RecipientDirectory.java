package dev.consentflow.dispatch;

import dev.consentflow.accounts.AccountId;
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

    /** The relay refused the address for good (5xx): the subscription becomes BOUNCED. */
    void bounced(AccountId account, UUID subscriberId, UUID subscriptionId, String diagnostic);
}
