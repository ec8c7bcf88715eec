package dev.consentflow.dispatch.internal.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/** SNS over https, with the JDK's trust store and short timeouts; answers of more than 64 KiB are refused. */
@Component
class HttpsSnsEndpoint implements SnsEndpoint {

    private static final int MAX_BYTES = 64 * 1024;

    /**
     * Made on the first SNS request, not at start-up: a client starts its selector thread and the JDK's TLS
     * context when built (0.08 s of the start-up's main thread), and most servers never hear from SNS.
     */
    private final Supplier<HttpClient> client = SingletonSupplier.of(() -> HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build());

    @Override
    public byte[] get(URI uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<InputStream> response = client.get().send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("SNS answered " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw new IOException("SNS answered more than " + MAX_BYTES + " bytes");
                }
                return bytes;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
