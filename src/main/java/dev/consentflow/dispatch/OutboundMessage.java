package dev.consentflow.dispatch;

import dev.consentflow.accounts.AccountId;
import java.util.UUID;

/**
 * A message to one person, as a caller hands it to {@link Dispatch#enqueue}. It names the recipient by ids only:
 * the address is resolved, and suppression checked, at send time through {@link RecipientDirectory}. The
 * content is sealed in the outbox, never stored in plaintext.
 *
 * @param account        the account the person belongs to
 * @param subscriberId   the contact card
 * @param subscriptionId the subscription this message serves (its list, its status decides suppression)
 * @param channel        mail or SMS
 * @param purpose        why it is sent
 * @param batchId        groups messages into a ledger (a campaign id, or null for single messages)
 * @param content        subject, text and HTML (for SMS, the text only), already rendered
 * @param unsubscribeUrl for list mail, the one-click link put into List-Unsubscribe (null otherwise)
 * @param listId         for list mail, the List-Id value (for example {@code news.acme.example}), or null
 */
public record OutboundMessage(AccountId account, UUID subscriberId, UUID subscriptionId, Channel channel,
                              Purpose purpose, String batchId, Content content, String unsubscribeUrl,
                              String listId) {

    /** What the person reads. */
    public record Content(String subject, String text, String html) {
    }
}
