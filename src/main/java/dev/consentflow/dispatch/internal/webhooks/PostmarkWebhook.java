package dev.consentflow.dispatch.internal.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.dispatch.FeedbackEvent;
import dev.consentflow.dispatch.FeedbackEvent.Kind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Postmark's bounce and spam complaint webhooks, which Postmark protects with the basic auth credentials written
 * into the webhook's URL (and, optionally, its published IP addresses). Postmark does not echo the Message-ID, so
 * every mail carries the metadata header {@code X-PM-Metadata-consentflow-message} with the message's id, which
 * comes back in {@code Metadata}.
 */
@Component
class PostmarkWebhook implements ProviderWebhook {

    static final String METADATA_KEY = "consentflow-message";

    private static final Set<String> HARD = Set.of("HardBounce", "BadEmailAddress", "ManuallyDeactivated");
    private static final Set<String> SOFT = Set.of("SoftBounce", "Transient", "DnsError", "Blocked");

    private final WebhookProperties.Postmark settings;

    PostmarkWebhook(WebhookProperties properties) {
        this.settings = properties.postmark();
    }

    @Override
    public String source() {
        return "postmark";
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    @Override
    public List<FeedbackEvent> read(WebhookPost post) {
        verify(post);
        JsonNode record = post.json();
        return event(record).map(List::of).orElse(List.of());
    }

    private void verify(WebhookPost post) {
        if (!settings.allowedIps().isEmpty() && !settings.allowedIps().contains(post.clientIp())) {
            throw new WebhookRejected("Not from one of Postmark's addresses");
        }
        byte[] expected = ("Basic " + Base64.getEncoder().encodeToString(
                (settings.username() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8);
        String given = post.header("Authorization");
        if (given == null || !MessageDigest.isEqual(expected, given.strip().getBytes(StandardCharsets.UTF_8))) {
            throw new WebhookRejected("The Postmark credentials are missing or wrong");
        }
    }

    private Optional<FeedbackEvent> event(JsonNode record) {
        Optional<UUID> messageId = OurMessageIds.parse(record.path("Metadata").path(METADATA_KEY).asText(null));
        String recordType = record.path("RecordType").asText();
        String type = record.path("Type").asText();
        if (messageId.isEmpty()) {
            return Optional.empty();
        }
        Kind kind;
        if ("SpamComplaint".equals(recordType) || "SpamComplaint".equals(type)) {
            kind = Kind.COMPLAINT;
        } else if ("Bounce".equals(recordType) && HARD.contains(type)) {
            kind = Kind.HARD_BOUNCE;
        } else if ("Bounce".equals(recordType) && SOFT.contains(type)) {
            kind = Kind.SOFT_BOUNCE;
        } else {
            return Optional.empty();
        }
        String eventId = recordType + ":" + record.path("ID").asText(messageId.get().toString());
        return Optional.of(new FeedbackEvent(messageId.get(), kind, source(), eventId,
                (type + " " + record.path("TypeCode").asText("")).strip(), Timestamps.iso(record.path("BouncedAt"))));
    }
}
