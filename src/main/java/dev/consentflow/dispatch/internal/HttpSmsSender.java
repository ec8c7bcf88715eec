package dev.consentflow.dispatch.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Recipient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SMS through the gateway at {@code CONSENTFLOW_SMS_GATEWAY_URL}: {@code POST {"to", "text"}} as JSON. A 2xx
 * is SENT; 5xx, throttling (408, 425, 429) and our own credentials refused (401, 403, 407) are retried; other
 * 4xx refuse the number for good. No connection is retried; a request that went out without an answer in time
 * is UNKNOWN, because the gateway may have taken it and a second SMS would be a duplicate.
 */
final class HttpSmsSender implements ChannelSender {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Set<Integer> RETRIED_4XX = Set.of(401, 403, 407, 408, 425, 429);

    private final URI gateway;
    private final int parallelism;
    private final Duration requestTimeout;
    private final Duration budget;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    HttpSmsSender(URI gateway, int parallelism, Duration connectTimeout, Duration requestTimeout) {
        this.gateway = gateway;
        this.parallelism = parallelism;
        this.requestTimeout = requestTimeout;
        this.budget = connectTimeout.plus(requestTimeout).multipliedBy(2);
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    public Duration sendBudget() {
        return budget;
    }

    @Override
    public Delivery send(OutboxRow row, Letter letter, Recipient recipient) {
        if (recipient.address() == null || !E164.matcher(recipient.address()).matches()) {
            return Delivery.hard("the recipient's number is not E.164; not sent");
        }
        HttpRequest request = HttpRequest.newBuilder(gateway)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(recipient.address(), letter.text())))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return answer(response.statusCode(), response.body());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return Delivery.soft("cannot connect to the SMS gateway: " + e);
        } catch (HttpTimeoutException e) {
            return Delivery.unknown("the SMS gateway did not answer in time");
        } catch (IOException e) {
            return Delivery.unknown("the connection to the SMS gateway broke: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Delivery.unknown("interrupted while waiting for the SMS gateway");
        }
    }

    static Delivery answer(int status, String body) {
        String answer = "HTTP " + status + (body == null || body.isBlank() ? "" : " " + abbreviate(body));
        if (status >= 200 && status < 300) {
            return Delivery.sent(answer);
        }
        if (status >= 400 && status < 500 && !RETRIED_4XX.contains(status)) {
            return Delivery.hard(answer);
        }
        return Delivery.soft(answer);
    }

    private String body(String to, String text) {
        try {
            return json.writeValueAsString(Map.of("to", to, "text", text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) : body;
    }
}
