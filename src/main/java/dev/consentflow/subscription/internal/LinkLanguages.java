package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.contacts.SubscriptionRef;
import dev.consentflow.contacts.Subscriptions;
import dev.consentflow.subscription.PublicTexts;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The language a confirmation link's pages speak: its list's, found by the token; the browser's for a link that
 * leads nowhere (it tells nothing about anybody, in any language).
 */
@Component
class LinkLanguages {

    private final ConfirmationTokens confirmations;
    private final DoubleOptInRepository doubleOptIns;
    private final ResubscribeTokens resubscriptions;
    private final ResubscribeRepository resubscribes;
    private final Subscriptions contacts;
    private final MailingLists lists;

    LinkLanguages(ConfirmationTokens confirmations, DoubleOptInRepository doubleOptIns,
                  ResubscribeTokens resubscriptions, ResubscribeRepository resubscribes, Subscriptions contacts,
                  MailingLists lists) {
        this.confirmations = confirmations;
        this.doubleOptIns = doubleOptIns;
        this.resubscriptions = resubscriptions;
        this.resubscribes = resubscribes;
        this.contacts = contacts;
        this.lists = lists;
    }

    PublicTexts ofConfirmation(String token, String acceptLanguage) {
        return list(token).map(list -> PublicTexts.of(list.language()))
                .orElseGet(() -> PublicTexts.ofAcceptLanguage(acceptLanguage));
    }

    private Optional<ListInfo> list(String token) {
        if (!ConfirmationTokens.isWellFormed(token)) {
            return Optional.empty();
        }
        Optional<ListInfo> signup = confirmations.find(token).flatMap(t -> doubleOptIns.findById(t.processInstanceId()))
                .flatMap(d -> contacts.subscription(new AccountId(d.accountId()), new SubscriptionId(d.subscriptionId())))
                .map(SubscriptionRef::list);
        if (signup.isPresent()) {
            return signup;
        }
        return resubscriptions.find(token).flatMap(resubscribes::findById)
                .flatMap(r -> lists.findList(new AccountId(r.accountId()), r.listKey()));
    }
}
