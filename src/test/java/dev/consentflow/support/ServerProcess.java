package dev.consentflow.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Consentflow server in an operating-system process of its own, started the way an operator starts it
 * (environment variables, the main class) and stopped the way a crash stops it: {@link #kill()} is
 * {@code kill -9}, no shutdown hook, no graceful close. The classpath is this test JVM's without the test
 * classes, so the process runs exactly the production code. Its output goes to a log file under
 * {@code target/} for when a test fails.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(3);

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a server on a free port with these environment variables and system properties, and waits for it. */
    public static ServerProcess start(Map<String, String> environment, Map<String, String> properties, Path log) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-cp", productionClasspath(), "dev.consentflow.ConsentflowApplication"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        try {
            Files.createDirectories(log.getParent());
            Process process = builder.start();
            // Should the test JVM end first (a timeout, a kill), the server must not outlive it.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            ServerProcess server = new ServerProcess(process, port, log);
            server.awaitHealthy();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public Api api(String key) {
        return Api.at(port).as(key);
    }

    /** {@code kill -9}: the JVM ends at once, mid-transaction, mid-SMTP-conversation, wherever it is. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** A graceful stop (SIGTERM), as a deployment does. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the server process did not end");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitHealthy() {
        Api anonymous = Api.at(port).as(null);
        try {
            await().atMost(STARTUP).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the server process ended while starting, see " + log);
                }
                return anonymous.get("/actuator/health").body().contains("\"UP\"");
            });
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not become healthy, see " + log, e);
        }
    }

    private static String productionClasspath() {
        String separator = System.getProperty("path.separator");
        return Arrays.stream(System.getProperty("java.class.path").split(separator))
                .filter(entry -> !entry.replace('\\', '/').endsWith("test-classes"))
                .collect(Collectors.joining(separator));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
