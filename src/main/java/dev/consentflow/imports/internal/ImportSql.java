package dev.consentflow.imports.internal;

import dev.consentflow.NamedSql;

/** The named queries of {@code src/main/resources/sql/imports/}, read once at start-up. */
final class ImportSql {

    static final String CLAIM = NamedSql.read("imports", "claim-import");
    static final String HOLD = NamedSql.read("imports", "hold-import");
    static final String ADVANCE = NamedSql.read("imports", "advance-import");
    static final String FINISH = NamedSql.read("imports", "finish-import");
    static final String RELEASE = NamedSql.read("imports", "release-import");
    static final String FAIL_ATTEMPT = NamedSql.read("imports", "fail-attempt");
    static final String INSERT = NamedSql.read("imports", "insert-import");
    static final String FIND = NamedSql.read("imports", "find-import");
    static final String FIND_REJECTIONS = NamedSql.read("imports", "find-rejections");
    static final String INSERT_REJECTION = NamedSql.read("imports", "insert-rejection");
    static final String INSERT_PART = NamedSql.read("imports", "insert-part");
    static final String FIND_PART = NamedSql.read("imports", "find-part");
    static final String DELETE_PARTS = NamedSql.read("imports", "delete-parts");

    private ImportSql() {
    }
}
