package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consentflow.dispatch.Recipient;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MailComposerTest {

    private final MailComposer composer = new MailComposer("Acme News <news@acme.example>",
            "https://mail.acme.example:8443/app", new DkimSigning(noDkim()));
    private final Session session = Session.getInstance(new Properties());

    @Test
    void theMessageIdIsOnOurPublicHostAndMadeOfTheRowId() throws Exception {
        UUID id = UUID.randomUUID();
        MimeMessage message = composer.compose(session, id, letter("Hi"), null, new Recipient("a@example.org"));

        assertThat(message.getMessageID()).isEqualTo("<" + id + "@mail.acme.example>");
        assertThat(MailComposer.messageIdDomain("not a url", new InternetAddress("x@sender.example")))
                .isEqualTo("sender.example");
    }

    @Test
    void lineBreaksInTheSubjectNeverReachTheWire() throws Exception {
        for (String subject : List.of("a\r\nBcc: x@evil.example", "a\u2028X-Evil: 1", "æ\nX-Evil: 1")) {
            String raw = raw(composer.compose(session, UUID.randomUUID(), letter(subject), "news.acme.example",
                    new Recipient("a@example.org")));
            String headers = raw.substring(0, raw.indexOf("\r\n\r\n"));
            assertThat(headers.lines()).noneMatch(line -> line.startsWith("Bcc") || line.startsWith("X-Evil"));
        }
    }

    @Test
    void anAddressWithALineBreakOrAName() {
        for (String address : List.of("a@example.org\r\nBcc: x@evil.example", "Anna <a@example.org>", "no-at-sign",
                "a@example.org, b@example.org")) {
            assertThatThrownBy(() -> composer.compose(session, UUID.randomUUID(), letter("s"), null,
                    new Recipient(address))).as(address).isInstanceOf(AddressException.class);
        }
    }

    @Test
    void aDanishLocalPartGoesIntoTheToHeaderAsUtf8AndABrandNameIsEncoded() throws Exception {
        Session utf8 = Session.getInstance(new Properties() {{ setProperty("mail.mime.allowutf8", "true"); }});
        MimeMessage message = composer.compose(utf8, UUID.randomUUID(), letter("Nyt fra Ærø"), null,
                new Recipient("søren.ærbø@example.dk"), java.util.Optional.of(new dev.consentflow.dispatch.Sender(
                        "Ærø \"Fisk\" <Nyheder>", "news@fisk.example", "hello@fisk.example", null)));
        String raw = new String(rawBytes(message), StandardCharsets.UTF_8);
        assertThat(raw).contains("To: søren.ærbø@example.dk\r\n", "Reply-To: hello@fisk.example\r\n");
        String from = raw.lines().filter(line -> line.startsWith("From:")).findFirst().orElseThrow();
        assertThat(from).matches("\\p{ASCII}+").contains("=?UTF-8?", "<news@fisk.example>");
        assertThat(raw.lines().filter(line -> line.startsWith("Subject:")).findFirst().orElseThrow())
                .matches("\\p{ASCII}+");
        assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("Ærø \"Fisk\" <Nyheder>");
        assertThat(MailComposer.isAscii("søren@example.dk")).isFalse();
        assertThatThrownBy(() -> composer.compose(utf8, UUID.randomUUID(), letter("s"), null,
                new Recipient("s\u2709ren@example.dk"))).isInstanceOf(AddressException.class);
    }

    private static byte[] rawBytes(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private static Letter letter(String subject) {
        return new Letter(subject, "text", null, "https://acme.example/u/token");
    }

    @Test
    void aSignedMessageIsSignedWhenItIsBuiltNotWhenItIsWrittenToTheRelay() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String key = Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        MailComposer signing = new MailComposer("Acme News <news@acme.example>", "https://mail.acme.example/app",
                new DkimSigning(dkim(new DispatchProperties.Dkim("acme.example", "s2026", key))));

        MimeMessage message = signing.compose(session, UUID.randomUUID(), letter("Hi"), "news.acme.example",
                new Recipient("a@example.org"));

        assertThat(message.getHeader("DKIM-Signature")).as("signed before anything is written").hasSize(1);
        assertThat(message.getHeader("DKIM-Signature")[0]).contains("d=acme.example", "s=s2026")
                .contains("List-Unsubscribe-Post");
        String first = raw(message);
        assertThat(raw(message)).as("written as signed, not signed again").isEqualTo(first);
        assertThat(first).containsOnlyOnce("DKIM-Signature:");
    }

    private static String raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static DispatchProperties noDkim() {
        return dkim(new DispatchProperties.Dkim(null, null, null));
    }

    private static DispatchProperties dkim(DispatchProperties.Dkim dkim) {
        return new DispatchProperties("test", 1, 1, 1, Duration.ofSeconds(1), Duration.ofMinutes(5), 0, 1,
                List.of(Duration.ofMinutes(1)), null, Duration.ofSeconds(1), Duration.ofSeconds(1), dkim);
    }
}
