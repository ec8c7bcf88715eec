package dev.consentflow.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP/1.1 over a plain socket, for paths no HTTP client sends as they are: the request line goes out byte for byte
 * ({@code //}, {@code ;x=1}, {@code %2F}, a backslash, a control character), and the answer comes back unparsed
 * but for its status, headers and body. {@link java.net.http.HttpClient} keeps most spellings too, but refuses a
 * backslash or a control character in a URI.
 */
public final class RawHttp {

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    /**
     * Sends the request while a second thread already reads the answer: a server may answer a body it refuses
     * ({@code 413}) before the body is through and close the connection, as Tomcat does; the rest of the body then
     * meets a closed socket (a broken pipe, or a reset), and the answer that came first is what a client reads.
     */
    public Api.Answer send(String method, String rawPath, String key, String contentType, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes((method + " " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\n").getBytes(StandardCharsets.ISO_8859_1));
            if (key != null) {
                request.writeBytes(("Authorization: Bearer " + key + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            if (contentType != null) {
                request.writeBytes(("Content-Type: " + contentType + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            byte[] content = body == null ? new byte[0] : body;
            request.writeBytes(("Content-Length: " + content.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            request.writeBytes(content);
            CompletableFuture<Received> answer = CompletableFuture.supplyAsync(() -> receive(socket), RawHttp::reader);
            IOException writing = null;
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request.toByteArray());
                out.flush();
            } catch (IOException e) {
                writing = e;
            }
            Received received = answer.join();
            if (received.bytes().length == 0) {
                IOException cause = writing != null ? writing : received.failure();
                throw new UncheckedIOException(cause != null ? cause : new IOException("no answer"));
            }
            return parse(received.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void reader(Runnable reading) {
        Thread thread = new Thread(reading, "raw-http-answer");
        thread.setDaemon(true);
        thread.start();
    }

    /** What came back until the server closed the connection, or until it broke (then {@code failure} says how). */
    private record Received(byte[] bytes, IOException failure) {
    }

    private static Received receive(Socket socket) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            InputStream in = socket.getInputStream();
            for (int read; (read = in.read(buffer)) >= 0; ) {
                bytes.write(buffer, 0, read);
            }
            return new Received(bytes.toByteArray(), null);
        } catch (IOException e) {
            return new Received(bytes.toByteArray(), e);
        }
    }

    private static Api.Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headersEnd = text.indexOf("\r\n\r\n");
        if (headersEnd < 0) {
            throw new IllegalStateException("no HTTP answer: " + text);
        }
        String[] lines = text.substring(0, headersEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon).strip();
            String value = lines[i].substring(colon + 1).strip();
            headers.put(name, List.of(value));
            chunked |= name.equalsIgnoreCase("Transfer-Encoding") && value.toLowerCase(Locale.ROOT).contains("chunked");
        }
        String body = text.substring(headersEnd + 4);
        String decoded = chunked ? unchunk(body) : body;
        return new Api.Answer(status, headers,
                new String(decoded.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }
}
