package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.brands.BrandDirectory;
import dev.consentflow.brands.BrandIdentity;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.contacts.Subscriptions;
import dev.consentflow.subscription.PublicTexts;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.subscription.internal.ConfirmationClicks.Visit;
import dev.consentflow.subscription.internal.SignupForms.SignupForm;
import org.springframework.stereotype.Component;

/**
 * Finds the brand and list a public page (or a list's mail) is about: a form's list, a confirmation link's request,
 * an unsubscribe link's subscription. A link that is not valid finds nothing, and its page stays plain.
 */
@Component
class PageBrands {

    private final Subscriptions contacts;
    private final MailingLists lists;
    private final BrandDirectory brands;
    private final UnsubscribeTokens unsubscribeTokens;

    PageBrands(Subscriptions contacts, MailingLists lists, BrandDirectory brands, UnsubscribeTokens unsubscribeTokens) {
        this.contacts = contacts;
        this.lists = lists;
        this.brands = brands;
        this.unsubscribeTokens = unsubscribeTokens;
    }

    PageBrand of(AccountId account, ListInfo list) {
        return new PageBrand(brands.identity(account, list.brand()).orElse(null), list.name(), false,
                PublicTexts.of(list.language()));
    }

    /**
     * The brand a list's mail speaks for, as the mail's words name it: its record, read once per mail; null for an
     * SMS (its one line names the list only) and for a list without a brand record.
     */
    BrandIdentity ofMail(AccountId account, Channel channel, ListInfo list) {
        return channel == Channel.EMAIL ? brands.identity(account, list.brand()).orElse(null) : null;
    }

    /** The form's list and brand (the list may not exist yet: then the form's title stands alone). */
    PageBrand ofForm(SignupForm form) {
        return lists.findList(form.account(), form.definition().listKey()).map(list -> of(form.account(), list))
                .orElse(PageBrand.NONE);
    }

    /** A confirmation link's list and brand, a signup's or a resubscription's alike, as the request found them. */
    PageBrand ofConfirmation(Visit visit) {
        return visit.foundList().map(list -> of(visit.request().account(), list)).orElse(PageBrand.NONE);
    }

    PageBrand ofUnsubscribe(String token) {
        return unsubscribeTokens.find(token)
                .flatMap(t -> contacts.subscription(t.account(), t.subscription()).map(s -> of(t.account(), s.list())))
                .orElse(PageBrand.NONE);
    }
}
