package dev.consentflow.dispatch.internal.webhooks;

import dev.consentflow.dispatch.FeedbackEvent;
import java.util.List;

/**
 * One ESP's webhook: verifies a post by the provider's own scheme and reads the bounces and complaints in it
 * (events of other kinds, and events about mail this server did not send, are left out).
 */
interface ProviderWebhook {

    /** The {@link FeedbackEvent#source()} of its events, and the last part of its URL. */
    String source();

    boolean enabled();

    /**
     * @throws WebhookRejected when the post is not signed by the provider
     * @throws dev.consentflow.web.InvalidInputException when the body is not the provider's JSON
     */
    List<FeedbackEvent> read(WebhookPost post);
}
