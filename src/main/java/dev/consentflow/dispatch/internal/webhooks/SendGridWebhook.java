package dev.consentflow.dispatch.internal.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.dispatch.FeedbackEvent;
import dev.consentflow.dispatch.FeedbackEvent.Kind;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * SendGrid's signed event webhook: an ECDSA (P-256, SHA-256) signature over the timestamp header followed by the
 * raw body, checked with the verification key SendGrid shows for the webhook. The body is an array of events;
 * {@code bounce} (type {@code bounce}: permanent; {@code blocked}: temporary) and {@code spamreport} count, with
 * our Message-ID in {@code smtp-id}.
 */
@Component
class SendGridWebhook implements ProviderWebhook {

    static final String SIGNATURE = "X-Twilio-Email-Event-Webhook-Signature";
    static final String TIMESTAMP = "X-Twilio-Email-Event-Webhook-Timestamp";

    private final WebhookProperties.Sendgrid settings;

    SendGridWebhook(WebhookProperties properties) {
        this.settings = properties.sendgrid();
    }

    @Override
    public String source() {
        return "sendgrid";
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    @Override
    public List<FeedbackEvent> read(WebhookPost post) {
        verify(post);
        JsonNode events = post.json();
        if (!events.isArray()) {
            throw new dev.consentflow.web.InvalidInputException("body", "is not an array of events");
        }
        List<FeedbackEvent> found = new ArrayList<>();
        for (JsonNode event : events) {
            event(event).ifPresent(found::add);
        }
        return found;
    }

    private void verify(WebhookPost post) {
        String signature = post.header(SIGNATURE);
        String timestamp = post.header(TIMESTAMP);
        if (signature == null || timestamp == null) {
            throw new WebhookRejected("The post is not signed (" + SIGNATURE + ", " + TIMESTAMP + ")");
        }
        try {
            PublicKey key = KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(settings.publicKey().strip())));
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(timestamp.getBytes(StandardCharsets.UTF_8));
            verifier.update(post.body() == null ? new byte[0] : post.body());
            if (!verifier.verify(Base64.getDecoder().decode(signature.strip()))) {
                throw new WebhookRejected("The SendGrid signature does not match");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new WebhookRejected("The SendGrid signature does not match");
        }
    }

    private Optional<FeedbackEvent> event(JsonNode event) {
        Optional<UUID> messageId = OurMessageIds.parse(event.path("smtp-id").asText(null));
        String type = event.path("event").asText();
        if (messageId.isEmpty()) {
            return Optional.empty();
        }
        Kind kind;
        if ("bounce".equals(type)) {
            kind = "blocked".equals(event.path("type").asText()) ? Kind.SOFT_BOUNCE : Kind.HARD_BOUNCE;
        } else if ("spamreport".equals(type)) {
            kind = Kind.COMPLAINT;
        } else {
            return Optional.empty();
        }
        String eventId = event.path("sg_event_id").asText(null);
        if (eventId == null || eventId.isBlank()) {
            eventId = type + ":" + event.path("sg_message_id").asText(messageId.get().toString()) + ":"
                    + event.path("timestamp").asText();
        }
        String diagnostic = kind == Kind.COMPLAINT ? "spamreport"
                : (event.path("status").asText("") + " " + event.path("type").asText("bounce")).strip();
        return Optional.of(new FeedbackEvent(messageId.get(), kind, source(), eventId, diagnostic,
                Timestamps.epochSeconds(event.path("timestamp"))));
    }
}
