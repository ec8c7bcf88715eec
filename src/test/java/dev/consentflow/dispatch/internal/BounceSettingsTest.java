package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The bounce settings as API.md section 12 names them: a bounce domain, and a mailbox URL that may hold its login. */
class BounceSettingsTest {

    @Test
    void aBounceDomainMakesTheEnvelopeSenderBouncesPlusTheTokenAtThatDomain() {
        ReturnPaths paths = new ReturnPaths(BounceReportsTest.KEYS, settings("", "bounces.acme.example", ""),
                "Acme <news@acme.example>");
        UUID message = UUID.randomUUID();

        String envelope = paths.of(message);

        assertThat(envelope).startsWith("bounces+").endsWith("@bounces.acme.example");
        assertThat(paths.messageIn("Final-Recipient: rfc822; " + envelope)).contains(message);
    }

    @Test
    void aWholeBounceAddressWinsOverTheDomainAndWithoutEitherTheSendersDomainIsUsed() {
        assertThat(new ReturnPaths(BounceReportsTest.KEYS, settings("return@mail.example", "other.example", ""),
                "news@acme.example").of(UUID.randomUUID())).startsWith("return+").endsWith("@mail.example");
        assertThat(new ReturnPaths(BounceReportsTest.KEYS, settings("", "", ""), "Acme <news@acme.example>")
                .of(UUID.randomUUID())).startsWith("bounces+").endsWith("@acme.example");
    }

    @Test
    void theMailboxUrlMayCarryItsLoginWhichNeverShowsInTheSettingsText() {
        BounceMailbox mailbox = BounceMailbox.parse("imaps://bounce%40acme.example:s3cret@imap.acme.example:993/INBOX",
                null, null);

        assertThat(mailbox.username()).isEqualTo("bounce@acme.example");
        assertThat(mailbox.password()).isEqualTo("s3cret");
        assertThat(mailbox.port()).isEqualTo(993);
        assertThat(mailbox.folder()).isEqualTo("INBOX");
        assertThat(mailbox.toString()).doesNotContain("s3cret");
        assertThat(settings("", "", "imaps://u:s3cret@imap.acme.example/INBOX").toString()).doesNotContain("s3cret");
        assertThat(BounceMailbox.parse("imap://u:fromurl@localhost/INBOX", "user", "fromvariable").password())
                .isEqualTo("fromvariable");
    }

    private static BounceProperties settings(String address, String domain, String url) {
        return new BounceProperties(address, domain, url, null, null, Duration.ofMinutes(1), 500, Duration.ofMinutes(5),
                "Unprocessed", Duration.ofMinutes(1));
    }
}
