package dev.consentflow.dispatch;

import dev.consentflow.accounts.AccountId;
import java.util.Optional;
import java.util.UUID;

/**
 * Implemented by the module that holds the brands: dispatch asks it, just before a mail is built, who the
 * message of this subscription is from. Empty means the global sender.
 */
public interface SenderDirectory {

    Optional<Sender> senderOf(AccountId account, UUID subscriptionId);
}
