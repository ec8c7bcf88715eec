package dev.consentflow.bench;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress on standard error, so standard output holds only the JSON lines. */
final class Log {

    private Log() {
    }

    static void info(String message) {
        System.err.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " bench: " + message);
    }
}
