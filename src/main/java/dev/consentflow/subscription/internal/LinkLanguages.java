package dev.consentflow.subscription.internal;

import dev.consentflow.subscription.PublicTexts;
import org.springframework.stereotype.Component;

/**
 * The language a confirmation link's pages speak: its list's, found by the token; the browser's for a link that
 * leads nowhere (it tells nothing about anybody, in any language).
 */
@Component
class LinkLanguages {

    private final ConfirmationClicks clicks;
    private final ConfirmationSubjects subjects;

    LinkLanguages(ConfirmationClicks clicks, ConfirmationSubjects subjects) {
        this.clicks = clicks;
        this.subjects = subjects;
    }

    PublicTexts ofConfirmation(String token, String acceptLanguage) {
        return clicks.request(token).flatMap(subjects::list).map(list -> PublicTexts.of(list.language()))
                .orElseGet(() -> PublicTexts.ofAcceptLanguage(acceptLanguage));
    }
}
