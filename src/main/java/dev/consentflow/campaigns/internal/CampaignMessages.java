package dev.consentflow.campaigns.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.TemplateRenderer;
import dev.consentflow.campaigns.internal.TemplateRows.Template;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.ListRecipient;
import dev.consentflow.dispatch.OutboundMessage.Content;
import dev.consentflow.subscription.MailFooter;
import dev.consentflow.subscription.MailFooters;
import dev.consentflow.subscription.PublicTexts;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Renders a campaign's template for one recipient, with the one-click unsubscribe link and the data controller's
 * footer of the list's brand in both parts.
 */
@Component
class CampaignMessages {

    private final String publicUrl;
    private final MailFooters footers;

    CampaignMessages(@Value("${consentflow.public-url}") String publicUrl, MailFooters footers) {
        this.publicUrl = publicUrl;
        this.footers = footers;
    }

    /** The controller's footer of the list's mail, read once for many recipients (a page of a campaign). */
    MailFooter footer(AccountId account, ListInfo list) {
        return footers.of(account, list);
    }

    /**
     * The mail of one recipient: the template with their values, and the unsubscribe link in both parts, in the
     * list's language. Only a list that turned tracking on gets its links pointed at {@code /t/c/{token}{number}}
     * (click tracking) and an open pixel (open tracking); any other list's mail carries its plain links and no
     * pixel, as its consent text promised.
     *
     * @param links  the campaign's tracked links with their numbers
     * @param footer the controller's footer of the list ({@link #footer})
     */
    Content render(Template template, ListRecipient recipient, ListInfo list, String unsubscribeUrl,
                   String trackingToken, Map<String, Integer> links, MailFooter footer) {
        Map<String, String> values = new HashMap<>(recipient.fields());
        // The address is the person's too; it wins over a custom field that happens to be named "email".
        values.put("email", recipient.email());
        Map<String, String> clicks = new HashMap<>();
        if (list.trackClicks()) {
            links.forEach((url, number) -> clicks.put(url, publicUrl + "/t/c/" + trackingToken + number));
        }
        String unsubscribe = PublicTexts.of(list.language()).text("mail.unsubscribe");
        String subject = TemplateRenderer.plain(template.subject(), values);
        String text = TrackedLinks.text(TemplateRenderer.plain(template.text(), values), clicks)
                + "\n\n--\n" + unsubscribe + ": " + unsubscribeUrl + "\n" + footer.text();
        String end = "<p style=\"color:#777;font-size:small\"><a href=\""
                + TemplateRenderer.escapeHtml(unsubscribeUrl) + "\">" + TemplateRenderer.escapeHtml(unsubscribe)
                + "</a></p>" + footer.html() + (list.trackOpens() ? "<img src=\"" + publicUrl + "/t/o/" + trackingToken
                + "\" width=\"1\" height=\"1\" alt=\"\">" : "");
        String html = TrackedLinks.html(TemplateRenderer.html(template.html(), values), clicks);
        html = MailFooter.beforeBodyEnd(html, end);
        return new Content(subject, text, html);
    }

    /** The List-Id of a list's mail, as the welcome mail has it: {@code key.brand.host}. */
    String listId(ListInfo list) {
        String host = URI.create(publicUrl).getHost();
        String brand = list.brand() == null || list.brand().isBlank() ? "list" : list.brand();
        return (list.key() + "." + brand + "." + (host == null ? "localhost" : host))
                .toLowerCase().replaceAll("[^a-z0-9.-]", "-");
    }
}
