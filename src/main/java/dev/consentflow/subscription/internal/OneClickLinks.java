package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.subscription.UnsubscribeLinks;
import org.springframework.stereotype.Service;

/** {@link UnsubscribeLinks}: the subscription's token in the public unsubscribe URL. */
@Service
class OneClickLinks implements UnsubscribeLinks {

    private final UnsubscribeTokens tokens;
    private final ConfirmationMessages messages;

    OneClickLinks(UnsubscribeTokens tokens, ConfirmationMessages messages) {
        this.tokens = tokens;
        this.messages = messages;
    }

    @Override
    public String unsubscribeUrl(AccountId account, SubscriptionId subscription) {
        return messages.unsubscribeLink(tokens.tokenOf(account, subscription));
    }
}
