package dev.consentflow.subscription.internal;

import dev.consentflow.contacts.ListInfo;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.OutboundMessage.Content;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The built-in texts of the double opt-in: the confirmation, its reminder and the welcome mail, per list; and the
 * confirmation of a resubscription. List
 * names come from marketers, so control characters are dropped before they reach a subject line and every value
 * is escaped in HTML.
 */
@Component
class ConfirmationMessages {

    private final String publicUrl;

    ConfirmationMessages(@Value("${consentflow.public-url}") String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    String confirmationLink(String token) {
        return publicUrl + "/c/" + token;
    }

    String unsubscribeLink(String token) {
        return publicUrl + "/u/" + token;
    }

    Content confirmation(Channel channel, ListInfo list, String link, boolean reminder) {
        String name = plain(list.name());
        if (channel == Channel.SMS) {
            return new Content(null, (reminder ? "Reminder: confirm" : "Confirm") + " your subscription to " + name
                    + ": " + link, null);
        }
        String subject = (reminder ? "Reminder: please confirm" : "Please confirm") + " your subscription to " + name;
        String text = """
                Hello,

                someone, hopefully you, asked to receive %s at this address. To confirm, open this link and press \
                the button on the page:

                %s

                If it was not you, ignore this mail: without a confirmation nothing else is sent to this address, \
                and the request is deleted.
                """.formatted(name, link);
        String html = """
                <!doctype html><html lang="en"><body>
                <p>Hello,</p>
                <p>someone, hopefully you, asked to receive <strong>%s</strong> at this address.</p>
                <p><a href="%s">Confirm my subscription</a></p>
                <p>If it was not you, ignore this mail: without a confirmation nothing else is sent to this address,
                and the request is deleted.</p>
                </body></html>
                """.formatted(HtmlUtils.htmlEscape(name), HtmlUtils.htmlEscape(link));
        return new Content(subject, text, html);
    }

    /**
     * The confirmation a resubscription needs: it says plainly that the person's data was erased and that nothing
     * is sent to them again without their explicit confirmation.
     */
    Content resubscription(Channel channel, ListInfo list, String link) {
        String name = plain(list.name());
        if (channel == Channel.SMS) {
            return new Content(null, "Your data was erased earlier. To receive " + name
                    + " again, a confirmed opt-in is required: confirm here " + link, null);
        }
        String subject = "Confirm that you want to receive " + name + " again";
        String text = """
                Hello,

                someone, hopefully you, asked to receive %s at this address again. Your data was erased from \
                our records earlier, so nothing is sent to you again unless you confirm it yourself: a confirmed \
                opt-in is required.

                To confirm, open this link and press the button on the page:

                %s

                If it was not you, or you changed your mind, ignore this mail: without your confirmation nothing \
                else is sent to this address, and this request is deleted.
                """.formatted(name, link);
        String html = """
                <!doctype html><html lang="en"><body>
                <p>Hello,</p>
                <p>someone, hopefully you, asked to receive <strong>%s</strong> at this address again.</p>
                <p>Your data was erased from our records earlier, so nothing is sent to you again unless you
                confirm it yourself: <strong>a confirmed opt-in is required</strong>.</p>
                <p><a href="%s">Yes, I want to receive it again</a></p>
                <p>If it was not you, or you changed your mind, ignore this mail: without your confirmation nothing
                else is sent to this address, and this request is deleted.</p>
                </body></html>
                """.formatted(HtmlUtils.htmlEscape(name), HtmlUtils.htmlEscape(link));
        return new Content(subject, text, html);
    }

    /**
     * The welcome, with the list's unsubscribe link: in the body of a mail, and at the end of an SMS ("Stop:"),
     * since a text message has no header to carry it and we take no replies.
     */
    Content welcome(Channel channel, ListInfo list, String unsubscribeLink) {
        String name = plain(list.name());
        if (channel == Channel.SMS) {
            return new Content(null, "Welcome to " + name + ". Your subscription is confirmed. Stop: "
                    + unsubscribeLink, null);
        }
        String text = """
                Welcome!

                Your subscription to %s is confirmed. You can unsubscribe at any time with the link in every mail.

                Unsubscribe: %s
                """.formatted(name, unsubscribeLink);
        String html = """
                <!doctype html><html lang="en"><body>
                <p>Welcome!</p>
                <p>Your subscription to <strong>%s</strong> is confirmed. You can unsubscribe at any time with the
                link in every mail.</p>
                <p><a href="%s">Unsubscribe</a></p>
                </body></html>
                """.formatted(HtmlUtils.htmlEscape(name), HtmlUtils.htmlEscape(unsubscribeLink));
        return new Content("Welcome to " + name, text, html);
    }

    /** The List-Id of a list (RFC 2919): the list key, the brand, the server's host name. */
    String listId(ListInfo list) {
        String host = URI.create(publicUrl).getHost();
        String brand = list.brand() == null || list.brand().isBlank() ? "list" : list.brand();
        return (list.key() + "." + brand + "." + (host == null ? "localhost" : host))
                .toLowerCase().replaceAll("[^a-z0-9.-]", "-");
    }

    private static String plain(String text) {
        return text == null ? "" : text.replaceAll("[\\p{Cntrl}\\u0085\\u2028\\u2029]", " ").strip();
    }
}
