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
    static final String DELETE_PART = NamedSql.read("imports", "delete-part");
    static final String FIND_PART_LOCKED = NamedSql.read("imports", "find-part-locked");
    static final String LOCK_PART = NamedSql.read("imports", "lock-part");
    static final String FIND_REMAINING_PARTS = NamedSql.read("imports", "find-remaining-parts");
    static final String REWRITE_PART = NamedSql.read("imports", "rewrite-part");
    static final String LOCK_STORED_FILE = NamedSql.read("imports", "lock-stored-file");
    static final String STORED_AS_ROWS = NamedSql.read("imports", "stored-as-rows");
    static final String SET_TOTAL_ROWS = NamedSql.read("imports", "set-total-rows");
    static final String FIRST_REMAINING_ROW = NamedSql.read("imports", "first-remaining-row");
    static final String ACTIVE_OF_ACCOUNT = NamedSql.read("imports", "active-imports-of-account");
    static final String INSERT_ERASURE = NamedSql.read("imports", "insert-erasure");
    static final String NEXT_ERASURE = NamedSql.read("imports", "next-erasure");
    static final String DELETE_ERASURE = NamedSql.read("imports", "delete-erasure");

    private ImportSql() {
    }
}
