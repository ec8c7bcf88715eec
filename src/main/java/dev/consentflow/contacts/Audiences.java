package dev.consentflow.contacts;

import dev.consentflow.accounts.AccountId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Who a list mail goes to: a list's confirmed subscriptions in pages, opened for rendering, and who left it. */
public interface Audiences {

    /**
     * One page of the CONFIRMED email subscriptions of a list, by ascending id after {@code after} (null for the
     * first page): how a campaign freezes its audience in bounded memory, page by page.
     */
    List<SubscriptionId> confirmedSubscriptions(AccountId account, ListInfo list, SubscriptionId after, int limit);

    /**
     * The recipients among these subscriptions that are still CONFIRMED and whose card is not erased, with the
     * address and fields decrypted for rendering a mail; the others are left out. Callers pass one page at a time.
     */
    List<ListRecipient> confirmedRecipients(AccountId account, Collection<SubscriptionId> subscriptions);

    /**
     * The subscriptions of a list that were unsubscribed at or after {@code since}, by people who are not erased
     * (an erasure is not an unsubscribe): how a campaign counts the recipients it lost.
     */
    List<SubscriptionId> unsubscribedSince(AccountId account, ListInfo list, Instant since);
}
