package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.contacts.ListInfo;
import dev.consentflow.dispatch.Channel;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConfirmationMessagesTest {

    private final ConfirmationMessages messages = new ConfirmationMessages("https://lists.acme.example/", builtInOnly());

    /** The mails of lists whose account words none of them itself. */
    static ListMails builtInOnly() {
        return new ListMails(null) {
            @Override
            Optional<MailTemplate> override(ListInfo list, MailKind kind) {
                return Optional.empty();
            }
        };
    }
    private final ListInfo list = new ListInfo(UUID.randomUUID(), "news", "Acme <News>\r\nBcc: x@evil.example", "acme");

    @Test
    void theConfirmationCarriesTheLinkAndNoListNameCanAddAHeaderLine() {
        String link = messages.confirmationLink("tok");
        var mail = messages.confirmation(ConfirmationPurpose.SIGNUP, Channel.EMAIL, list, link, false);
        assertThat(link).isEqualTo("https://lists.acme.example/c/tok");
        assertThat(mail.subject()).startsWith("Please confirm").doesNotContain("\r", "\n");
        assertThat(mail.text()).contains(link);
        assertThat(mail.html()).contains("href=\"" + link + "\"").doesNotContain("<News>");
    }

    @Test
    void theReminderSaysSoAndAnSmsIsTextOnly() {
        assertThat(messages.confirmation(ConfirmationPurpose.SIGNUP, Channel.EMAIL, list, "L", true).subject())
                .startsWith("Reminder");
        var sms = messages.confirmation(ConfirmationPurpose.SIGNUP, Channel.SMS, list, "L", false);
        assertThat(sms.subject()).isNull();
        assertThat(sms.html()).isNull();
        assertThat(sms.text()).contains("L").doesNotContain("\n");
    }

    @Test
    void aResubscriptionSaysPlainlyThatAConfirmedOptInIsRequiredByMailAndBySms() {
        String link = messages.confirmationLink("tok");
        var mail = messages.confirmation(ConfirmationPurpose.RESUBSCRIPTION, Channel.EMAIL, list, link, false);
        assertThat(mail.subject()).startsWith("Confirm that you want to receive Acme").endsWith("again")
                .doesNotContain("\r", "\n");
        assertThat(mail.text()).contains("erased", "a confirmed opt-in is required", link)
                .doesNotContain("Please confirm your subscription");
        assertThat(mail.html()).contains("a confirmed opt-in is required", "href=\"" + link + "\"")
                .doesNotContain("<News>");
        var sms = messages.confirmation(ConfirmationPurpose.RESUBSCRIPTION, Channel.SMS, list, link, false);
        assertThat(sms.subject()).isNull();
        assertThat(sms.html()).isNull();
        assertThat(sms.text()).contains("a confirmed opt-in is required", link).doesNotContain("\n");
    }

    @Test
    void theWelcomeNamesTheListAndItsListIdIsAHostName() {
        String link = messages.unsubscribeLink("tok");
        assertThat(messages.welcome(Channel.EMAIL, list, link).subject()).startsWith("Welcome to Acme")
                .doesNotContain("\n");
        assertThat(messages.listId(list)).isEqualTo("news.acme.lists.acme.example");
    }

    @Test
    void theWelcomeCarriesTheUnsubscribeLinkInTextAndHtml() {
        String link = messages.unsubscribeLink("tok");
        var mail = messages.welcome(Channel.EMAIL, list, link);
        assertThat(link).isEqualTo("https://lists.acme.example/u/tok");
        assertThat(mail.text()).contains("Unsubscribe: " + link);
        assertThat(mail.html()).contains("<a href=\"" + link + "\">Unsubscribe</a>").doesNotContain("<News>");
        assertThat(messages.welcome(Channel.SMS, list, link).text()).endsWith("Stop: " + link).doesNotContain("\n");
    }

    @Test
    void aBrandedListsMailsAreSignedWithTheBrandsNameAndAListWithoutABrandRecordsWithItsOwn() {
        ListInfo danish = new ListInfo(UUID.randomUUID(), "nyt", "Fiskenyt", "fisk", "da", false, false);
        var brand = new dev.consentflow.brands.BrandIdentity("fisk", "Fisk & Co", null, null, "Fisk & Co ApS", null,
                null, null);

        var confirmation = messages.confirmation(ConfirmationPurpose.SIGNUP, Channel.EMAIL, danish, brand, "L", false);
        assertThat(confirmation.text()).contains("\n\nVenlig hilsen\nFisk & Co\n");
        assertThat(confirmation.html()).contains("<p>Venlig hilsen<br>Fisk &amp; Co</p>");
        var welcome = messages.welcome(Channel.EMAIL, list, brand, "U", Optional.empty());
        assertThat(welcome.text()).contains("\n\nBest regards,\nFisk & Co\n\nUnsubscribe: U");
        assertThat(welcome.html()).contains("<p>Best regards,<br>Fisk &amp; Co</p>");
        assertThat(messages.confirmation(ConfirmationPurpose.RESUBSCRIPTION, Channel.EMAIL, danish, brand, "L", false)
                .text()).contains("Venlig hilsen\nFisk & Co");

        assertThat(messages.confirmation(ConfirmationPurpose.SIGNUP, Channel.EMAIL, danish, "L", false).text())
                .as("no brand record: the list's name, as its pages show it").contains("Venlig hilsen\nFiskenyt\n")
                .doesNotContain("Fisk & Co");
        assertThat(messages.confirmation(ConfirmationPurpose.SIGNUP, Channel.SMS, danish, brand, "L", false).text())
                .as("an SMS stays one line").doesNotContain("Fisk & Co", "\n");
    }

    @Test
    void aDanishListsMailsAreInDanishAndEveryMailHasATextAndAnHtmlPart() {
        ListInfo danish = new ListInfo(UUID.randomUUID(), "nyt", "Acmes nyhedsbrev", "acme", "da", false, false);
        var mail = messages.confirmation(ConfirmationPurpose.SIGNUP, Channel.EMAIL, danish, "https://x.example/c/t",
                false);
        assertThat(mail.subject()).isEqualTo("Bekræft din tilmelding til Acmes nyhedsbrev");
        assertThat(mail.text()).contains("Hej", "https://x.example/c/t", "kan du roligt slette denne mail");
        assertThat(mail.html()).contains("<html lang=\"da\">", "Bekræft min tilmelding");
        assertThat(messages.welcome(Channel.EMAIL, danish, "U").subject()).isEqualTo("Velkommen til Acmes nyhedsbrev");
        assertThat(messages.welcome(Channel.SMS, danish, "U").text()).startsWith("Velkommen til");
        for (MailKind kind : MailKind.values()) {
            for (String language : dev.consentflow.contacts.ListLanguage.CODES) {
                MailTemplate builtIn = BuiltInMails.of(kind, language);
                assertThat(builtIn.checkedFor(kind)).isEqualTo(builtIn);
            }
        }
    }

    /** The List-Id and the values' clean-up as the patterns they replace made them, for every char there is. */
    @Test
    void theListIdAndThePlainValuesAreWhatThePatternsMadeOfThemForEveryChar() {
        StringBuilder every = new StringBuilder();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            every.append((char) c);
        }
        String all = every + "\uD83D\uDE00 x \uD83D";
        assertThat(ListMails.plain(all))
                .isEqualTo(all.replaceAll("[\\p{Cntrl}\\u0085\\u2028\\u2029]", " ").strip());
        for (String text : new String[] {"", " Acme\r\nNews\u2028 ", "\u0085x\u007f", "plain", "\t"}) {
            assertThat(ListMails.plain(text)).isEqualTo(text.replaceAll("[\\p{Cntrl}\\u0085\\u2028\\u2029]", " ")
                    .strip());
        }
        for (String brand : new String[] {null, " ", "ACME Brand", "Café_ü\uD83D\uDE00", all}) {
            ListInfo named = new ListInfo(UUID.randomUUID(), "News-1.x", "N", brand);
            String expected = (named.key() + "." + (brand == null || brand.isBlank() ? "list" : brand)
                    + ".lists.acme.example").toLowerCase().replaceAll("[^a-z0-9.-]", "-");
            assertThat(messages.listId(named)).isEqualTo(expected);
        }
        assertThat(new ConfirmationMessages("http://localhost:8080", builtInOnly()).listId(list))
                .isEqualTo("news.acme.localhost");
        assertThat(new ConfirmationMessages("mailto:x@y", builtInOnly()).listId(list)).isEqualTo("news.acme.localhost");
    }
}
