package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.brands.BrandIdentity;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.subscription.MailFooter;
import dev.consentflow.subscription.PublicTexts;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ControllerFootersTest {

    private static final BrandIdentity FISK = new BrandIdentity("fisk", "Fiskebladet", null, null, "Fisk & Co ApS",
            "Havnegade 1, 5970 Ærøskøbing", "dpo@fisk.example", "https://fisk.example/privatliv?a=1&b=2");
    private final ListInfo danish = new ListInfo(UUID.randomUUID(), "nyt", "Fiskenyt", "fisk", "da", false, false);
    private final ListMails mails = ConfirmationMessagesTest.builtInOnly();

    @Test
    void aBrandedDanishListsFooterNamesTheControllerItsAddressPolicyAndDataProtectionAddressByteForByte() {
        MailFooter footer = ControllerFooters.footer(FISK, PublicTexts.of("da"));
        assertThat(footer.text()).isEqualTo("""
                Sendt af Fisk & Co ApS, Havnegade 1, 5970 Ærøskøbing.
                Privatlivspolitik: https://fisk.example/privatliv?a=1&b=2
                Spørgsmål om dine data: dpo@fisk.example
                """);
        assertThat(footer.html()).isEqualTo("<div style=\"max-width:34rem;margin:24px auto 0;padding-top:12px;"
                + "border-top:1px solid #dddddd;font-size:13px;line-height:1.5;color:#555555\">\n"
                + "<p style=\"margin:0\">Sendt af <strong>Fisk &amp; Co ApS</strong>, Havnegade 1, 5970 Ærøskøbing."
                + "<br>Privatlivspolitik: <a href=\"https://fisk.example/privatliv?a=1&amp;b=2\" style=\"color:#0b4f94\">"
                + "https://fisk.example/privatliv?a=1&amp;b=2</a>"
                + "<br>Spørgsmål om dine data: <a href=\"mailto:dpo@fisk.example\" style=\"color:#0b4f94\">"
                + "dpo@fisk.example</a></p>\n</div>\n");
    }

    @Test
    void everyMailOfTheListEndsWithItInBothPartsAndAnSmsStaysOneLine() {
        for (MailKind kind : MailKind.values()) {
            var mail = mails.content(Channel.EMAIL, danish, FISK, kind, "https://x.example/l");
            MailTemplate.Rendered alone = BuiltInMails.of(kind, "da").render(ListMails.values(danish, FISK, kind,
                    "https://x.example/l"));
            MailFooter footer = ControllerFooters.footer(FISK, PublicTexts.of("da"));
            assertThat(mail.text()).as(kind.code()).isEqualTo(alone.text() + "\n--\n" + footer.text());
            assertThat(mail.html()).as(kind.code()).isEqualTo(alone.html().replace("</body>",
                    footer.html() + "</body>"));
            assertThat(mail.html()).endsWith("dpo@fisk.example</a></p>\n</div>\n</body>\n</html>\n");
        }
        assertThat(mails.content(Channel.SMS, danish, FISK, MailKind.CONFIRMATION, "L").text())
                .doesNotContain("Fisk & Co", "\n");
    }

    @Test
    void aBrandWithoutControllerFactsIsNamedByItsBrandNameAndTheMissingLinesAreLeftOut() {
        var bare = new BrandIdentity("fisk", "Fiskebladet", null, null, null, null, null, null);
        MailFooter footer = ControllerFooters.footer(bare, PublicTexts.of("de"));
        assertThat(footer.text()).isEqualTo("Gesendet von Fiskebladet.\n");
        assertThat(footer.html()).contains("<p style=\"margin:0\">Gesendet von <strong>Fiskebladet</strong>.</p>")
                .doesNotContain("<br>", "mailto:", "href");
    }

    @Test
    void aListWithoutABrandRecordGetsNoFooterSinceThisServerNamesNoControllerOfItsOwn() {
        assertThat(ControllerFooters.footer(null, PublicTexts.of("da"))).isEqualTo(MailFooter.NONE);
        var mail = mails.content(Channel.EMAIL, danish, null, MailKind.CONFIRMATION, "L");
        MailTemplate.Rendered alone = BuiltInMails.of(MailKind.CONFIRMATION, "da")
                .render(ListMails.values(danish, null, MailKind.CONFIRMATION, "L"));
        assertThat(mail.text()).isEqualTo(alone.text());
        assertThat(mail.html()).isEqualTo(alone.html());
    }

    @Test
    void everyValueIsEscapedInHtmlHasNoLineBreaksInTextAndOnlyAnHttpPolicyIsLinked() {
        var hostile = new BrandIdentity("x", "X", null, null, "<b>Evil</b> & \"Co\"\r\nBcc: x@evil.example",
                "Gade 1 <script>", "dpo@x.example", "javascript:alert(1)");
        MailFooter footer = ControllerFooters.footer(hostile, PublicTexts.of("en"));
        assertThat(footer.text()).isEqualTo("Sent by <b>Evil</b> & \"Co\"  Bcc: x@evil.example, Gade 1 <script>.\n"
                + "Questions about your data: dpo@x.example\n");
        assertThat(footer.html()).contains("Sent by <strong>&lt;b&gt;Evil&lt;/b&gt; &amp; &quot;Co&quot;  Bcc: "
                + "x@evil.example</strong>, Gade 1 &lt;script&gt;.").doesNotContain("javascript", "<b>", "<script>");
    }

    @Test
    void aMarketersOwnWordingGetsTheFooterAndMayUseTheControllersFactsAsPlaceholders() {
        MailTemplate own = new MailTemplate("Bekræft {{listName}}",
                "<html><body><p>{{controllerName}} ({{controllerAddress}}) <a href=\"{{privacyUrl}}\">politik</a> "
                        + "{{controllerEmail}} <a href=\"{{confirmUrl}}\">ja</a></p></body></html>",
                "{{controllerName}}, {{controllerAddress}}: {{privacyUrl}} {{controllerEmail}} {{confirmUrl}}");
        assertThat(own.checkedFor(MailKind.CONFIRMATION)).isEqualTo(own);
        var mail = mails.content(Channel.EMAIL, danish, FISK, MailKind.CONFIRMATION, "https://x.example/c/t",
                Optional.of(own));
        MailFooter footer = ControllerFooters.footer(FISK, PublicTexts.of("da"));
        assertThat(mail.text()).isEqualTo("Fisk & Co ApS, Havnegade 1, 5970 Ærøskøbing: "
                + "https://fisk.example/privatliv?a=1&b=2 dpo@fisk.example https://x.example/c/t\n\n--\n" + footer.text());
        assertThat(mail.html()).isEqualTo("<html><body><p>Fisk &amp; Co ApS (Havnegade 1, 5970 Ærøskøbing) "
                + "<a href=\"https://fisk.example/privatliv?a=1&amp;b=2\">politik</a> dpo@fisk.example "
                + "<a href=\"https://x.example/c/t\">ja</a></p>" + footer.html() + "</body></html>");
        assertThat(ListMails.values(danish, null, MailKind.CONFIRMATION, "L"))
                .as("no brand record: the controller's placeholders are empty")
                .containsEntry("controllerName", "").containsEntry("privacyUrl", "").containsEntry("controllerEmail", "");
    }
}
