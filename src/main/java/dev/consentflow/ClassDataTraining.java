package dev.consentflow;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The start that trains the class data sharing archive (docker/extract-with-cds.sh), never a serving server: it
 * starts the server as {@link ConsentflowApplication} does, asks its health endpoint until it answers UP, closes
 * the context and halts the JVM, whose exit then writes the archive ({@code -XX:ArchiveClassesAtExit}). By then
 * the classes a real start loads after the context's refresh are loaded too: Tomcat serving a request, the filter
 * chains, the dispatcher servlet, the actuator, the ready listeners, the job executor. A training run that ended on
 * the refresh never loaded them, so every start read, parsed and verified them from the jars. Halting (as Spring's
 * own {@code spring.context.exit=onRefresh} does) and not exiting: Java 17's archive dump at an exit from a signal
 * was seen to hang.
 */
public final class ClassDataTraining {

    private static final Duration UP_WITHIN = Duration.ofMinutes(10);
    private static final Duration BETWEEN_ASKS = Duration.ofMillis(200);

    private ClassDataTraining() {
    }

    public static void main(String[] args) {
        int status = 1;
        try {
            ConfigurableApplicationContext context = SpringApplication.run(ConsentflowApplication.class, args);
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            status = untilUp(URI.create("http://127.0.0.1:" + port + "/actuator/health")) ? 0 : 2;
            context.close();
        } catch (RuntimeException e) {
            e.printStackTrace();
        } finally {
            Runtime.getRuntime().halt(status);
        }
    }

    /** Asks until the health endpoint answers UP, at most {@link #UP_WITHIN}. */
    private static boolean untilUp(URI health) {
        long deadline = System.nanoTime() + UP_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (isUp(health)) {
                return true;
            }
            LockSupport.parkNanos(BETWEEN_ASKS.toNanos());
        }
        System.err.println("ClassDataTraining: " + health + " did not answer UP within " + UP_WITHIN);
        return false;
    }

    private static boolean isUp(URI health) {
        try {
            HttpURLConnection connection = (HttpURLConnection) health.toURL().openConnection();
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(30_000);
            try (InputStream body = connection.getResponseCode() == 200
                    ? connection.getInputStream() : connection.getErrorStream()) {
                return body != null && new String(body.readAllBytes(), StandardCharsets.UTF_8).contains("\"UP\"");
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }
}
