package dev.consentflow.dispatch.internal.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentflow.web.InvalidInputException;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/** One post as it arrived: the raw bytes (signatures cover them exactly), its headers (lower-case names), the client. */
record WebhookPost(byte[] body, Map<String, String> headers, String clientIp) {

    private static final ObjectMapper JSON = new ObjectMapper();

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body as JSON; anything else is a 400. */
    JsonNode json() {
        try {
            JsonNode node = body == null || body.length == 0 ? null : JSON.readTree(body);
            if (node == null || !(node.isObject() || node.isArray())) {
                throw new InvalidInputException("body", "is not a JSON object or array");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidInputException("body", "is not JSON");
        }
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new InvalidInputException("Message", "is not JSON");
        }
    }
}
