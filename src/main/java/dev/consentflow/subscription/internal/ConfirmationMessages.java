package dev.consentflow.subscription.internal;

import dev.consentflow.brands.BrandIdentity;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.OutboundMessage.Content;
import java.net.URI;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The mails of a confirmation: the double opt-in's confirmation and reminder, a resubscription's confirmation,
 * and the welcome mail, per list. Each is the list's own wording or the built-in text in its language
 * ({@link ListMails}); their links and List-Id.
 */
@Component
class ConfirmationMessages {

    private final String publicUrl;
    /** The public URL's host name (localhost when it has none), once asked. */
    private volatile String host;
    private final ListMails mails;

    ConfirmationMessages(@Value("${consentflow.public-url}") String publicUrl, ListMails mails) {
        this.mails = mails;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    String confirmationLink(String token) {
        return publicUrl + "/c/" + token;
    }

    String unsubscribeLink(String token) {
        return publicUrl + "/u/" + token;
    }

    /**
     * The mail that asks for a confirmation: a signup's (or its reminder), or a resubscription's, which says
     * plainly that the person's data was erased and that nothing is sent to them again without their explicit
     * confirmation.
     */
    Content confirmation(ConfirmationPurpose purpose, Channel channel, ListInfo list, String link, boolean reminder) {
        return confirmation(purpose, channel, list, null, link, reminder);
    }

    /** As above, in the name of the list's brand as read (null: a list without a brand record). */
    Content confirmation(ConfirmationPurpose purpose, Channel channel, ListInfo list, BrandIdentity brand, String link,
                         boolean reminder) {
        return mails.content(channel, list, brand, kind(purpose, reminder), link);
    }

    /**
     * As above, with the list's own wording of the mail as read already (empty: it has none; an SMS has the built-in
     * line either way).
     */
    Content confirmation(ConfirmationPurpose purpose, Channel channel, ListInfo list, BrandIdentity brand, String link,
                         boolean reminder, Optional<MailTemplate> wording) {
        return mails.content(channel, list, brand, kind(purpose, reminder), link,
                channel == Channel.SMS ? Optional.empty() : wording);
    }

    /** The kind of mail that asks for a confirmation of this purpose. */
    static MailKind kind(ConfirmationPurpose purpose, boolean reminder) {
        return switch (purpose) {
            case SIGNUP -> reminder ? MailKind.REMINDER : MailKind.CONFIRMATION;
            case RESUBSCRIPTION -> MailKind.RESUBSCRIPTION;
        };
    }

    /**
     * The welcome, with the list's unsubscribe link: in the body of a mail, and at the end of an SMS ("Stop:"),
     * since a text message has no header to carry it and we take no replies.
     */
    Content welcome(Channel channel, ListInfo list, String unsubscribeLink) {
        return mails.content(channel, list, null, MailKind.WELCOME, unsubscribeLink);
    }

    /**
     * As above, in the name of the list's brand as read (null: none), with the list's own wording of the welcome
     * as read already (empty: the built-in text).
     */
    Content welcome(Channel channel, ListInfo list, BrandIdentity brand, String unsubscribeLink,
                    Optional<MailTemplate> wording) {
        return mails.content(channel, list, brand, MailKind.WELCOME, unsubscribeLink, wording);
    }

    /**
     * The List-Id of a list (RFC 2919): the list key, the brand, the server's host name, lower-cased, every code
     * point but {@code a-z0-9.-} a hyphen. The host is read from the public URL once (each welcome parsed it).
     */
    String listId(ListInfo list) {
        String brand = list.brand() == null || list.brand().isBlank() ? "list" : list.brand();
        String id = (list.key() + "." + brand + "." + host()).toLowerCase();
        StringBuilder out = new StringBuilder(id.length());
        id.codePoints().forEach(c -> out.append(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-'
                ? (char) c : '-'));
        return out.toString();
    }

    private String host() {
        String known = host;
        if (known == null) {
            String parsed = URI.create(publicUrl).getHost();
            known = parsed == null ? "localhost" : parsed;
            host = known;
        }
        return known;
    }
}
