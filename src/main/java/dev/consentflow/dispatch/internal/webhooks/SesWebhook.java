package dev.consentflow.dispatch.internal.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.dispatch.FeedbackEvent;
import dev.consentflow.dispatch.FeedbackEvent.Kind;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Amazon SES events through SNS. Every post is an SNS message, verified against its signing certificate and taken
 * only from the configured topics (anyone can make an SNS topic of their own). A SubscriptionConfirmation of a
 * configured topic is confirmed by fetching its SubscribeURL; a Notification holds the SES event (a
 * {@code notificationType} of SES notifications, or an {@code eventType} of a configuration set's event
 * publishing) with our Message-ID in {@code mail.commonHeaders.messageId} or {@code mail.headers}.
 */
@Component
class SesWebhook implements ProviderWebhook {

    private static final Logger log = LoggerFactory.getLogger(SesWebhook.class);

    private final WebhookProperties.Ses settings;
    private final SnsCertificates certificates;
    private final SnsEndpoint endpoint;

    SesWebhook(WebhookProperties properties, SnsCertificates certificates, SnsEndpoint endpoint) {
        this.settings = properties.ses();
        this.certificates = certificates;
        this.endpoint = endpoint;
    }

    @Override
    public String source() {
        return "ses";
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    @Override
    public List<FeedbackEvent> read(WebhookPost post) {
        JsonNode message = post.json();
        if (!settings.topicArns().contains(SnsMessages.text(message, "TopicArn"))) {
            throw new WebhookRejected("Not a message of a configured SNS topic");
        }
        SnsMessages.verify(message, certificates.of(SnsMessages.text(message, "SigningCertURL")));
        return switch (SnsMessages.text(message, "Type")) {
            case "Notification" -> event(message).map(List::of).orElse(List.of());
            case "SubscriptionConfirmation" -> {
                confirm(SnsMessages.text(message, "SubscribeURL"));
                yield List.of();
            }
            default -> List.of();
        };
    }

    private void confirm(String subscribeUrl) {
        URI uri = SnsUrls.sns(subscribeUrl);
        if (uri == null) {
            throw new WebhookRejected("SubscribeURL is not an Amazon SNS URL");
        }
        try {
            endpoint.get(uri);
            log.info("SNS subscription confirmed: {}", uri.getHost());
        } catch (IOException e) {
            throw new IllegalStateException("The SNS subscription could not be confirmed; SNS sends it again", e);
        }
    }

    private Optional<FeedbackEvent> event(JsonNode notification) {
        JsonNode ses;
        try {
            ses = WebhookPost.parse(SnsMessages.text(notification, "Message"));
        } catch (dev.consentflow.web.InvalidInputException e) {
            return Optional.empty(); // signed by SNS, but no SES event (a test message from the console, say)
        }
        String type = ses.path("notificationType").asText(ses.path("eventType").asText());
        Optional<UUID> messageId = ourMessageId(ses.path("mail"));
        if (messageId.isEmpty()) {
            return Optional.empty();
        }
        String eventId = SnsMessages.text(notification, "MessageId");
        return switch (type) {
            case "Bounce" -> {
                JsonNode bounce = ses.path("bounce");
                Kind kind = "Permanent".equals(bounce.path("bounceType").asText()) ? Kind.HARD_BOUNCE
                        : Kind.SOFT_BOUNCE;
                String status = bounce.path("bouncedRecipients").path(0).path("status").asText("");
                yield Optional.of(new FeedbackEvent(messageId.get(), kind, source(), eventId,
                        (status + " " + bounce.path("bounceType").asText() + "/" + bounce.path("bounceSubType").asText())
                                .strip(), Timestamps.iso(bounce.path("timestamp"))));
            }
            case "Complaint" -> {
                JsonNode complaint = ses.path("complaint");
                yield Optional.of(new FeedbackEvent(messageId.get(), Kind.COMPLAINT, source(), eventId,
                        complaint.path("complaintFeedbackType").asText("abuse"),
                        Timestamps.iso(complaint.path("timestamp"))));
            }
            default -> Optional.empty();
        };
    }

    private static Optional<UUID> ourMessageId(JsonNode mail) {
        Optional<UUID> common = OurMessageIds.parse(mail.path("commonHeaders").path("messageId").asText(null));
        if (common.isPresent()) {
            return common;
        }
        for (JsonNode header : mail.path("headers")) {
            if ("message-id".equalsIgnoreCase(header.path("name").asText())) {
                return OurMessageIds.parse(header.path("value").asText(null));
            }
        }
        return Optional.empty();
    }
}
