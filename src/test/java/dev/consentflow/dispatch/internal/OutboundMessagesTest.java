package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.OutboundMessage;
import dev.consentflow.dispatch.Purpose;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OutboundMessagesTest {

    @Test
    void listMailNeedsASafeOneClickLink() {
        assertThatCode(() -> OutboundMessages.check(mail(Purpose.CAMPAIGN, "https://acme.example/u/abc", "news.acme")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> OutboundMessages.check(mail(Purpose.CAMPAIGN, null, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutboundMessages.check(mail(Purpose.WELCOME, "javascript:alert(1)", null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutboundMessages.check(mail(Purpose.WELCOME, "https://a.example/u/1\u2028x", null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutboundMessages.check(mail(Purpose.WELCOME, "https://a.example/u/1", "a b")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLinkRefusesTheCharactersThePatternItReplacedRefused() {
        Pattern unsafe = Pattern.compile("[\\p{Cntrl}\\s<>\"\\u2028\\u2029\\u0085]");
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String value = "https://a.example/u/" + c;
            assertThat(OutboundMessages.hasUnsafeCharacter(value)).as("U+%04X", (int) c)
                    .isEqualTo(unsafe.matcher(value).find());
        }
    }

    @Test
    void aConfirmationNeedsNoUnsubscribeLink() {
        assertThatCode(() -> OutboundMessages.check(mail(Purpose.CONFIRMATION, null, null))).doesNotThrowAnyException();
    }

    private static OutboundMessage mail(Purpose purpose, String unsubscribeUrl, String listId) {
        return new OutboundMessage(new AccountId(UUID.randomUUID()), UUID.randomUUID(), UUID.randomUUID(),
                Channel.EMAIL, purpose, null, new OutboundMessage.Content("Subject", "Text", null), unsubscribeUrl,
                listId);
    }
}
