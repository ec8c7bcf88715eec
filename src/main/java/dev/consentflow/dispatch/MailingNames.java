package dev.consentflow.dispatch;

import dev.consentflow.accounts.AccountId;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Implemented by the module that makes mailings (campaigns): dispatch knows a message's batch and purpose, not what
 * people call the mailing. Both answers leave out what the implementation does not know.
 */
public interface MailingNames {

    /** The names of batches (a campaign's id as its batch id) of the account. */
    Map<String, String> batches(AccountId account, Collection<String> batchIds);

    /** The names of the mailings of single messages that belong to no batch (an automation's template). */
    Map<UUID, String> messages(AccountId account, Collection<UUID> messageIds);
}
