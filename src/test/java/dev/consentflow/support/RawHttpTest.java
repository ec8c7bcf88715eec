package dev.consentflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The answer to a refused body is read even when the server closes the connection before the body is through. */
class RawHttpTest {

    @Test
    void anAnswerBeforeTheBodyIsThroughIsReadDespiteTheClosedConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> answering = CompletableFuture.runAsync(() -> answerEarly(server));
            byte[] body = new byte[32 * 1024 * 1024];
            Api.Answer answer = new RawHttp(server.getLocalPort()).send("POST", "/upload", null,
                    "application/octet-stream", body);
            answering.join();
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.body()).isEqualTo("{\"status\":413}");
        }
    }

    private static void answerEarly(ServerSocket server) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            in.readNBytes(1024);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/problem+json\r\n"
                    + "Content-Length: 14\r\nConnection: close\r\n\r\n{\"status\":413}").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
