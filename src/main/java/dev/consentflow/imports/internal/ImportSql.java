package dev.consentflow.imports.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The named queries of {@code src/main/resources/sql/imports/}, read once at start-up. */
final class ImportSql {

    static final String CLAIM = load("claim-import");
    static final String HOLD = load("hold-import");
    static final String ADVANCE = load("advance-import");
    static final String FINISH = load("finish-import");
    static final String RELEASE = load("release-import");
    static final String FAIL_ATTEMPT = load("fail-attempt");
    static final String INSERT = load("insert-import");
    static final String FIND = load("find-import");
    static final String FIND_REJECTIONS = load("find-rejections");
    static final String INSERT_REJECTION = load("insert-rejection");
    static final String INSERT_PART = load("insert-part");
    static final String FIND_PART = load("find-part");
    static final String DELETE_PARTS = load("delete-parts");

    private ImportSql() {
    }

    private static String load(String name) {
        String path = "/sql/imports/" + name + ".sql";
        try (InputStream in = ImportSql.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing query " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
