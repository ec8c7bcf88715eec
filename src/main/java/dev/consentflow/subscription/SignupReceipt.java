package dev.consentflow.subscription;

import dev.consentflow.contacts.SubscriberId;
import java.util.UUID;

/**
 * What a signup started. Public pages answer the same for every receipt (no enumeration); an integration of
 * the account may learn the card's id.
 *
 * @param requestId    the signup request's own id, the process instance's business key
 * @param subscriberId the card the subscription belongs to, or null when the address is erased
 * @param confirmed    true when the person was confirmed on the list already (nothing was sent)
 */
public record SignupReceipt(UUID requestId, SubscriberId subscriberId, boolean confirmed) {
}
