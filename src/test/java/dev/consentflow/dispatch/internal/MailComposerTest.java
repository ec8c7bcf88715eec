package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consentflow.dispatch.Recipient;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
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
    void aMultipartTypeIsWrittenAsJakartaMailsContentTypeWritesIt() throws Exception {
        for (int digits = 1; digits <= 46; digits++) {
            for (String boundary : List.of("----=_Part_" + "7".repeat(digits), MailComposer.Body.boundary())) {
                ContentType type = new ContentType("multipart", "alternative", null);
                type.setParameter("boundary", boundary);
                assertThat(MailComposer.Body.alternativeType(boundary)).as(boundary).isEqualTo(type.toString());
            }
        }
    }

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

    /**
     * The body is written as Jakarta Mail writes it from setText and MimeMultipart: the same headers, the same
     * transfer encoding (7bit, quoted-printable for long lines or some non-ASCII, base64 for mostly non-ASCII) and
     * the same bytes; only the multipart boundary, a random value, differs.
     */
    @Test
    void theBodyIsTheBytesJakartaMailWouldWrite() throws Exception {
        String longLine = "x".repeat(1200);
        List<Letter> letters = List.of(
                new Letter("Hi", "Hello,\r\nthis is the text.\n", "<p>Hello, <b>HTML</b>.</p>", "https://u.example/1"),
                new Letter("Hej Søren", "Hej Søren,\n\nvores tilbud: æbler og øl til 20 % rabat.  \nHilsen\n",
                        "<h1>Hej Søren</h1>\n<p>æøå ÆØÅ €</p>\n", null),
                new Letter("Long", "a\n" + longLine + "\nb", "<p>" + longLine + "</p>", null),
                new Letter("Γειά", "Γειά σου κόσμε, καλημέρα σας", "<p>中文内容，谢谢大家</p>", null),
                new Letter("Tabs", "a\tb\r\nc\u0001d =3D end=\n.\n", null, null),
                new Letter("Only HTML", null, "<p>Hello ü</p>", null),
                new Letter("Empty", null, null, null),
                new Letter("Trailing", "trailing spaces   \nand a tab\t\n", " ", null));
        for (Letter letter : letters) {
            MimeMessage ours = composer.compose(session, UUID.randomUUID(), letter, "news.acme.example",
                    new Recipient("a@example.org"));
            assertThat(normalised(raw(ours))).as(letter.subject()).isEqualTo(normalised(raw(jakarta(ours, letter))));
        }
    }

    /** The same message with its body made by Jakarta Mail, as MailComposer made it before. */
    private MimeMessage jakarta(MimeMessage ours, Letter letter) throws Exception {
        String messageId = ours.getMessageID();
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        for (java.util.Enumeration<jakarta.mail.Header> headers = ours.getAllHeaders(); headers.hasMoreElements(); ) {
            jakarta.mail.Header header = headers.nextElement();
            if (!List.of("Content-Type", "Content-Transfer-Encoding", "MIME-Version").contains(header.getName())) {
                message.addHeader(header.getName(), header.getValue());
            }
        }
        boolean text = letter.text() != null && !letter.text().isBlank();
        boolean html = letter.html() != null && !letter.html().isBlank();
        if (text && html) {
            jakarta.mail.internet.MimeBodyPart plain = new jakarta.mail.internet.MimeBodyPart();
            plain.setText(letter.text(), "UTF-8");
            jakarta.mail.internet.MimeBodyPart rich = new jakarta.mail.internet.MimeBodyPart();
            rich.setText(letter.html(), "UTF-8", "html");
            message.setContent(new jakarta.mail.internet.MimeMultipart("alternative", plain, rich));
        } else if (html) {
            message.setText(letter.html(), "UTF-8", "html");
        } else {
            message.setText(letter.text() == null ? "" : letter.text(), "UTF-8");
        }
        message.saveChanges();
        return message;
    }

    private static String normalised(String raw) {
        return raw.replaceAll("----=_Part_[0-9_.]+", "BOUNDARY");
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
