package dev.consentflow.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a linter our users run on what we publish (Redocly on the OpenAPI document, bpmnlint on the models,
 * promtool on the metrics), at a pinned version, from the repository root. A developer machine without the tool
 * skips the check; in CI ({@code CI=true}, which {@code .ci/run} sets after installing the tools) a missing tool
 * fails the test, so the check never goes quietly missing where it counts.
 */
public final class ExternalLinter {

    /** Pinned: versions that still run on Debian 12's Node.js 18, which {@code .ci/run} installs when missing. */
    public static final String REDOCLY = "@redocly/cli@1.34.20";
    public static final String BPMNLINT = "bpmnlint@10.3.0";

    private static final long TIMEOUT_MINUTES = 5;

    private ExternalLinter() {
    }

    /** Output and exit code of one run. */
    public record Run(int exitCode, String output) {
    }

    /**
     * {@code npx --yes --prefer-offline <package> <args>}: fetched once into npm's cache, then offline-fast (the
     * version is pinned, so npm need not ask the registry for the package's metadata again on every run).
     */
    public static Run npx(String pinnedPackage, String... args) {
        List<String> command = new ArrayList<>(List.of("npx", "--yes", "--prefer-offline", pinnedPackage));
        command.addAll(List.of(args));
        return run("npx", command);
    }

    public static Run run(String tool, List<String> command) {
        requireTool(tool);
        try {
            Path log = Files.createTempFile("linter", ".log");
            try {
                Process process = new ProcessBuilder(command).directory(new File("."))
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    fail(String.join(" ", command) + " did not finish within " + TIMEOUT_MINUTES + " minutes");
                }
                return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Skips the calling test when the tool is not on the PATH, and fails it instead in CI. */
    public static void requireTool(String tool) {
        boolean present = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(tool + " is not installed, and CI=true: .ci/run installs it (see README, Tests)");
        }
        Assumptions.assumeTrue(present, tool + " is not installed: this linter check is skipped outside CI");
    }
}
