package dev.consentflow.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/** The development SMTP server's mailbox ({@code GET /dev/mailbox}), as a test reads it: mails to one address. */
public final class DevMailbox {

    private static final Pattern CONFIRMATION_LINK = Pattern.compile("https?://[^\\s\"<>]+(/c/[A-Za-z0-9_-]{43})");

    private final Api api;

    private DevMailbox(Api api) {
        this.api = api;
    }

    public static DevMailbox of(Api api) {
        return new DevMailbox(api.as(null));
    }

    /** The mails to an address whose subject starts with the prefix, newest first. */
    public List<JsonNode> mails(String email, String subjectPrefix) {
        JsonNode mailbox = api.get("/dev/mailbox", Map.of("Accept", "application/json")).json();
        return StreamSupport.stream(mailbox.spliterator(), false)
                .filter(m -> m.get("to").toString().toLowerCase().contains(email.toLowerCase()))
                .filter(m -> m.get("subject").asText().startsWith(subjectPrefix))
                .toList();
    }

    public JsonNode awaitMail(String email, String subjectPrefix) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> mails(email, subjectPrefix), m -> !m.isEmpty())
                .get(0);
    }

    /** A mail's text and HTML parts, decoded (quoted-printable or base64, UTF-8), as a mail client shows them. */
    public record Parts(String text, String html) {
    }

    public static Parts parts(JsonNode mail) {
        String contentType = mail.get("headers").get("Content-Type").asText();
        byte[] raw = ("Content-Type: " + contentType + "\r\nMIME-Version: 1.0\r\n\r\n" + mail.get("body").asText())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            var message = new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()),
                    new java.io.ByteArrayInputStream(raw));
            String[] found = new String[2];
            collect(message, found);
            return new Parts(lf(found[0]), lf(found[1]));
        } catch (jakarta.mail.MessagingException | java.io.IOException e) {
            throw new AssertionError("not a readable mail: " + mail, e);
        }
    }

    private static String lf(String text) {
        return text == null ? null : text.replace("\r\n", "\n");
    }

    private static void collect(jakarta.mail.Part part, String[] found)
            throws jakarta.mail.MessagingException, java.io.IOException {
        if (part.isMimeType("multipart/*")) {
            var multipart = (jakarta.mail.Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), found);
            }
        } else if (part.isMimeType("text/plain") && found[0] == null) {
            found[0] = (String) part.getContent();
        } else if (part.isMimeType("text/html") && found[1] == null) {
            found[1] = (String) part.getContent();
        }
    }

    /** The path ({@code /c/<token>}) of the confirmation link in a mail, quoted-printable soft breaks undone. */
    public static String confirmationPath(JsonNode mail) {
        Matcher link = CONFIRMATION_LINK.matcher(mail.get("body").asText().replace("=\r\n", "").replace("=\n", ""));
        if (!link.find()) {
            throw new AssertionError("no confirmation link in " + mail);
        }
        return link.group(1);
    }
}
