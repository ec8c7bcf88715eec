package dev.consentflow.campaigns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.campaigns.internal.TemplateRows.Template;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.ListRecipient;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.subscription.MailFooter;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CampaignMessagesTest {

    private static final MailFooter FOOTER = new MailFooter("Sendt af Fisk & Co ApS.\n",
            "<div>Sendt af <strong>Fisk &amp; Co ApS</strong>.</div>\n");

    private final CampaignMessages messages = new CampaignMessages("https://consent.example",
            (account, list) -> FOOTER);
    private final ListInfo list = new ListInfo(UUID.randomUUID(), "nyt", "Fiskenyt", "fisk", "da", false, false);
    private final ListRecipient anna = new ListRecipient(new SubscriberId(UUID.randomUUID()),
            new SubscriptionId(UUID.randomUUID()), "anna@example.dk", Map.of("name", "Anna"));

    @Test
    void aCampaignMailEndsWithTheUnsubscribeLinkAndTheControllersFooterInBothPartsByteForByte() {
        Template template = new Template(UUID.randomUUID(), "t", "Hej {{name}}",
                "<html><body><p>Hej {{name}}</p></body></html>", "Hej {{name}}", Instant.now());
        MailFooter footer = messages.footer(new AccountId(UUID.randomUUID()), list);
        var mail = messages.render(template, anna, list, "https://consent.example/u/tok", "trk", Map.of(), footer);
        assertThat(mail.text()).isEqualTo("Hej Anna\n\n--\nAfmeld: https://consent.example/u/tok\n"
                + "Sendt af Fisk & Co ApS.\n");
        assertThat(mail.html()).isEqualTo("<html><body><p>Hej Anna</p><p style=\"color:#777;font-size:small\">"
                + "<a href=\"https://consent.example/u/tok\">Afmeld</a></p>"
                + "<div>Sendt af <strong>Fisk &amp; Co ApS</strong>.</div>\n</body></html>");
    }

    @Test
    void withoutAFooterTheMailIsAsBefore() {
        Template template = new Template(UUID.randomUUID(), "t", "Hi", "<p>Hi</p>", "Hi", Instant.now());
        var mail = messages.render(template, anna, list, "U", "trk", Map.of(), MailFooter.NONE);
        assertThat(mail.text()).isEqualTo("Hi\n\n--\nAfmeld: U\n");
        assertThat(mail.html()).isEqualTo("<p>Hi</p><p style=\"color:#777;font-size:small\"><a href=\"U\">Afmeld</a></p>");
    }
}
