package dev.consentflow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one loader of the named queries in {@code src/main/resources/sql/<module>/<name>.sql}. Callers read each
 * once, into a constant, so a missing file stops the start-up instead of a request.
 */
public final class NamedSql {

    private NamedSql() {
    }

    public static String read(String module, String name) {
        String path = "/sql/" + module + "/" + name + ".sql";
        try (InputStream in = NamedSql.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing query " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
