package dev.consentflow.subscription.internal;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in mails of a list that an account may word itself, with the placeholders each one offers: the list's
 * name, the name it is sent in (its brand's, else the list's own), the data controller's facts and its one link. The link is required where the mail exists for it (a confirmation nobody can confirm
 * is useless), in the text part and in the HTML part, since either may be the one the person reads.
 */
enum MailKind {
    CONFIRMATION("confirmUrl"),
    REMINDER("confirmUrl"),
    WELCOME("unsubscribeUrl"),
    RESUBSCRIPTION("confirmUrl");

    static final String LIST_NAME = "listName";
    /** Who the mail comes from, as the person knows them: the brand's name, or the list's for a list without one. */
    static final String BRAND_NAME = "brandName";
    /** The data controller's facts from the brand record, as the mail's footer names them; empty without them. */
    static final String CONTROLLER_NAME = "controllerName";
    static final String CONTROLLER_ADDRESS = "controllerAddress";
    static final String CONTROLLER_EMAIL = "controllerEmail";
    static final String PRIVACY_URL = "privacyUrl";

    private final String link;

    MailKind(String link) {
        this.link = link;
    }

    /** How the API names it: {@code confirmation}, {@code reminder}, ... */
    String code() {
        return name().toLowerCase();
    }

    /** The placeholder of the mail's link, which its text and HTML parts must hold. */
    String link() {
        return link;
    }

    Set<String> placeholders() {
        return Set.of(LIST_NAME, BRAND_NAME, CONTROLLER_NAME, CONTROLLER_ADDRESS, CONTROLLER_EMAIL, PRIVACY_URL, link);
    }

    static Optional<MailKind> of(String code) {
        return Arrays.stream(values()).filter(kind -> kind.code().equals(code)).findFirst();
    }
}
