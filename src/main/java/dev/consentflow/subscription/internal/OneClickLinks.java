package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.subscription.UnsubscribeLinks;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** {@link UnsubscribeLinks}: the subscription's token in the public unsubscribe URL. */
@Service
class OneClickLinks implements UnsubscribeLinks {

    private final UnsubscribeTokens tokens;
    private final UnsubscribeTokenPages pages;
    private final ConfirmationMessages messages;

    OneClickLinks(UnsubscribeTokens tokens, UnsubscribeTokenPages pages, ConfirmationMessages messages) {
        this.tokens = tokens;
        this.pages = pages;
        this.messages = messages;
    }

    @Override
    public String unsubscribeUrl(AccountId account, SubscriptionId subscription) {
        return messages.unsubscribeLink(tokens.tokenOf(account, subscription));
    }

    /** The link of a subscription's first list mail, and the list's own wording of that mail (empty: none). */
    record FirstLink(String url, Optional<MailTemplate> wording) {
    }

    /**
     * The link for the first list mail of a subscription (its welcome: no token yet as a rule), with the list's own
     * wording of that mail, read with the token's insert; the insert carries {@code handOver}'s write when not null.
     */
    FirstLink firstUnsubscribeLink(AccountId account, SubscriptionId subscription, ListInfo list, MailKind kind,
                                   ClickHandOver.HandOver handOver) {
        UnsubscribeTokens.FirstToken first = tokens.tokenOfNew(account, subscription, list.id(), kind, handOver);
        return new FirstLink(messages.unsubscribeLink(first.token()), first.wording());
    }

    @Override
    public Map<SubscriptionId, String> unsubscribeUrls(AccountId account, Collection<SubscriptionId> subscriptions) {
        Map<SubscriptionId, String> links = new HashMap<>();
        pages.tokensOf(account, subscriptions).forEach((subscription, token) ->
                links.put(subscription, messages.unsubscribeLink(token)));
        return links;
    }
}
