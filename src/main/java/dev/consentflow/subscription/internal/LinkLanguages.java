package dev.consentflow.subscription.internal;

import dev.consentflow.subscription.PublicTexts;
import dev.consentflow.subscription.internal.ConfirmationClicks.Visit;
import org.springframework.stereotype.Component;

/**
 * The language a confirmation link's pages speak: its list's, as the click or look found it; the browser's for a
 * link that leads nowhere (it tells nothing about anybody, in any language).
 */
@Component
class LinkLanguages {

    PublicTexts ofConfirmation(Visit visit, String acceptLanguage) {
        return visit.foundList().map(list -> PublicTexts.of(list.language()))
                .orElseGet(() -> PublicTexts.ofAcceptLanguage(acceptLanguage));
    }
}
