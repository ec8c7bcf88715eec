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

    /** The path ({@code /c/<token>}) of the confirmation link in a mail, quoted-printable soft breaks undone. */
    public static String confirmationPath(JsonNode mail) {
        Matcher link = CONFIRMATION_LINK.matcher(mail.get("body").asText().replace("=\r\n", "").replace("=\n", ""));
        if (!link.find()) {
            throw new AssertionError("no confirmation link in " + mail);
        }
        return link.group(1);
    }
}
