package dev.consentflow.dispatch.internal.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.NamedSql;
import dev.consentflow.dispatch.FeedbackEvent;
import dev.consentflow.dispatch.FeedbackEvent.Kind;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Mailgun's webhooks: {@code signature.signature} is the hex HMAC-SHA256 of {@code timestamp + token} under the
 * webhook signing key. A timestamp further from now than the configured age, or a token seen before, is a replay
 * and refused. {@code failed} (severity permanent: hard; temporary: soft) and {@code complained} count, with our
 * Message-ID in {@code message.headers.message-id}.
 */
@Component
class MailgunWebhook implements ProviderWebhook {

    private static final String REMEMBER = NamedSql.read("dispatch", "remember-webhook-token");
    private static final String FORGET = NamedSql.read("dispatch", "forget-webhook-tokens");

    private final WebhookProperties.Mailgun settings;
    private final JdbcClient jdbc;

    MailgunWebhook(WebhookProperties properties, JdbcClient jdbc) {
        this.settings = properties.mailgun();
        this.jdbc = jdbc;
    }

    @Override
    public String source() {
        return "mailgun";
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    @Override
    public List<FeedbackEvent> read(WebhookPost post) {
        JsonNode body = post.json();
        verify(body.path("signature"));
        return event(body.path("event-data")).map(List::of).orElse(List.of());
    }

    private void verify(JsonNode signature) {
        String timestamp = signature.path("timestamp").asText("");
        String token = signature.path("token").asText("");
        String given = signature.path("signature").asText("");
        if (timestamp.isEmpty() || token.isEmpty() || given.isEmpty() || token.length() > 200) {
            throw new WebhookRejected("The post is not signed (signature.timestamp, token, signature)");
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(settings.signingKey().strip().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            expected = HexFormat.of().formatHex(mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8)))
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
        if (!MessageDigest.isEqual(expected, given.toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
            throw new WebhookRejected("The Mailgun signature does not match");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw new WebhookRejected("The Mailgun timestamp is not a number");
        }
        Duration age = Duration.between(Instant.ofEpochSecond(seconds), Instant.now()).abs();
        if (age.compareTo(settings.maxAge()) > 0) {
            throw new WebhookRejected("The Mailgun signature is too old (a replay?)");
        }
        jdbc.sql(FORGET).param("olderThanSeconds", settings.maxAge().toSeconds() * 2 + 60).update();
        if (jdbc.sql(REMEMBER).param("source", source()).param("token", token).update() == 0) {
            throw new WebhookRejected("The Mailgun token was used before (a replay)");
        }
    }

    private Optional<FeedbackEvent> event(JsonNode data) {
        Optional<UUID> messageId = OurMessageIds.parse(
                data.path("message").path("headers").path("message-id").asText(null));
        String type = data.path("event").asText();
        if (messageId.isEmpty()) {
            return Optional.empty();
        }
        Kind kind;
        String diagnostic;
        if ("failed".equals(type)) {
            String severity = data.path("severity").asText();
            kind = "permanent".equals(severity) ? Kind.HARD_BOUNCE : Kind.SOFT_BOUNCE;
            diagnostic = (data.path("delivery-status").path("code").asText("") + " " + severity + " "
                    + data.path("reason").asText("")).strip();
        } else if ("complained".equals(type)) {
            kind = Kind.COMPLAINT;
            diagnostic = "complained";
        } else {
            return Optional.empty();
        }
        String eventId = data.path("id").asText(type + ":" + messageId.get());
        return Optional.of(new FeedbackEvent(messageId.get(), kind, source(), eventId, diagnostic,
                Timestamps.epochSeconds(data.path("timestamp"))));
    }
}
