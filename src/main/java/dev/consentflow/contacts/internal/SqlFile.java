package dev.consentflow.contacts.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A named query of {@code src/main/resources/sql/contacts/}, read once at start-up. */
final class SqlFile {

    private SqlFile() {
    }

    static String load(String name) {
        String path = "/sql/contacts/" + name + ".sql";
        try (InputStream in = SqlFile.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing query " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
