package dev.consentflow.dispatch.internal.webhooks;

import dev.consentflow.dispatch.DeliveryFeedback;
import dev.consentflow.dispatch.FeedbackEvent;
import dev.consentflow.web.ClientAddress;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /hooks/{ses,sendgrid,postmark,mailgun}}: the ESPs' delivery events. No API key: each post is
 * verified by its provider's own scheme (401 and no change otherwise), and its bounces and complaints go to
 * {@link DeliveryFeedback} in one transaction. An event about mail this server did not send is answered 200
 * too, since providers retry whatever is not 2xx.
 */
@RestController
class WebhookController {

    private final DeliveryFeedback feedback;
    private final TransactionTemplate transactions;
    private final ClientAddress clients;
    private final Map<String, ProviderWebhook> providers = new HashMap<>();

    WebhookController(DeliveryFeedback feedback, TransactionTemplate transactions, ClientAddress clients,
                      List<ProviderWebhook> providers) {
        this.feedback = feedback;
        this.transactions = transactions;
        this.clients = clients;
        providers.forEach(provider -> this.providers.put(provider.source(), provider));
    }

    /** @param events the bounces and complaints in the post; @param recorded how many of them were new */
    record Received(int events, int recorded) {
    }

    @PostMapping("/hooks/ses")
    Received ses(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        return receive("ses", body, request);
    }

    @PostMapping("/hooks/sendgrid")
    Received sendgrid(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        return receive("sendgrid", body, request);
    }

    @PostMapping("/hooks/postmark")
    Received postmark(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        return receive("postmark", body, request);
    }

    @PostMapping("/hooks/mailgun")
    Received mailgun(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        return receive("mailgun", body, request);
    }

    private Received receive(String source, byte[] body, HttpServletRequest request) {
        ProviderWebhook provider = providers.get(source);
        if (provider == null || !provider.enabled()) {
            throw new WebhookOff(source);
        }
        WebhookPost post = new WebhookPost(body, headers(request), clients.of(request));
        return transactions.execute(status -> {
            List<FeedbackEvent> events = provider.read(post);
            int recorded = (int) events.stream().filter(feedback::record).count();
            return new Received(events.size(), recorded);
        });
    }

    private static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), request.getHeader(name));
        }
        return headers;
    }
}
