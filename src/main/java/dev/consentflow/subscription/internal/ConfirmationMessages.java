package dev.consentflow.subscription.internal;

import dev.consentflow.contacts.ListInfo;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.OutboundMessage.Content;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The mails of the double opt-in: the confirmation, its reminder and the welcome mail, per list; and the
 * confirmation of a resubscription. Each is the list's own wording or the built-in text in its language
 * ({@link ListMails}); their links and List-Id.
 */
@Component
class ConfirmationMessages {

    private final String publicUrl;
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

    Content confirmation(Channel channel, ListInfo list, String link, boolean reminder) {
        return mails.content(channel, list, reminder ? MailKind.REMINDER : MailKind.CONFIRMATION, link);
    }

    /**
     * The confirmation a resubscription needs: it says plainly that the person's data was erased and that nothing
     * is sent to them again without their explicit confirmation.
     */
    Content resubscription(Channel channel, ListInfo list, String link) {
        return mails.content(channel, list, MailKind.RESUBSCRIPTION, link);
    }

    /**
     * The welcome, with the list's unsubscribe link: in the body of a mail, and at the end of an SMS ("Stop:"),
     * since a text message has no header to carry it and we take no replies.
     */
    Content welcome(Channel channel, ListInfo list, String unsubscribeLink) {
        return mails.content(channel, list, MailKind.WELCOME, unsubscribeLink);
    }

    /** The List-Id of a list (RFC 2919): the list key, the brand, the server's host name. */
    String listId(ListInfo list) {
        String host = URI.create(publicUrl).getHost();
        String brand = list.brand() == null || list.brand().isBlank() ? "list" : list.brand();
        return (list.key() + "." + brand + "." + (host == null ? "localhost" : host))
                .toLowerCase().replaceAll("[^a-z0-9.-]", "-");
    }
}
