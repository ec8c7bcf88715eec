package dev.consentflow.campaigns.internal;

import dev.consentflow.campaigns.internal.Templates.Template;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.ListRecipient;
import dev.consentflow.dispatch.OutboundMessage.Content;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Renders a campaign's template for one recipient, with the one-click unsubscribe link in both parts. */
@Component
class CampaignMessages {

    private final String publicUrl;

    CampaignMessages(@Value("${consentflow.public-url}") String publicUrl) {
        this.publicUrl = publicUrl;
    }

    Content render(Template template, ListRecipient recipient, String unsubscribeUrl) {
        Map<String, String> values = new HashMap<>(recipient.fields());
        // The address is the person's too; it wins over a custom field that happens to be named "email".
        values.put("email", recipient.email());
        String subject = TemplateRenderer.plain(template.subject(), values);
        String text = TemplateRenderer.plain(template.text(), values)
                + "\n\n--\nUnsubscribe: " + unsubscribeUrl + "\n";
        String footer = "<p style=\"color:#777;font-size:small\"><a href=\""
                + TemplateRenderer.escapeHtml(unsubscribeUrl) + "\">Unsubscribe</a></p>";
        String html = TemplateRenderer.html(template.html(), values);
        int end = html.toLowerCase().lastIndexOf("</body>");
        html = end < 0 ? html + footer : html.substring(0, end) + footer + html.substring(end);
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
