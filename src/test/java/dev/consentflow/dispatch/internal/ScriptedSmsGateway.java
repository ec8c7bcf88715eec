package dev.consentflow.dispatch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMS gateway on loopback answering what the SMS text asks for: {@code busy} 503 on the first request,
 * {@code refuse} 400; anything else 202. It keeps every request's JSON.
 */
final class ScriptedSmsGateway implements AutoCloseable {

    private final HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    private ScriptedSmsGateway(HttpServer server) {
        this.server = server;
        server.createContext("/sms", exchange -> {
            JsonNode body = json.readTree(exchange.getRequestBody());
            requests.add(body);
            String text = body.path("text").asText();
            int attempt = attempts.computeIfAbsent(text, t -> new AtomicInteger()).incrementAndGet();
            int status = text.startsWith("refuse") ? 400 : text.startsWith("busy") && attempt == 1 ? 503 : 202;
            byte[] answer = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    static ScriptedSmsGateway start() throws IOException {
        return new ScriptedSmsGateway(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/sms";
    }

    List<JsonNode> requestsWithText(String text) {
        return requests.stream().filter(r -> r.path("text").asText().equals(text)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
