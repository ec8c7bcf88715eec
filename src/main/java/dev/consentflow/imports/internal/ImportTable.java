package dev.consentflow.imports.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * The {@code imports_import} and {@code imports_rejection} tables. The statements that change a claimed import
 * check that this node still holds it, so a node that lost its lease never writes over the one that resumed.
 */
@Component
class ImportTable {

    private final NamedParameterJdbcTemplate jdbc;

    ImportTable(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An import as a node claimed it. */
    record Claimed(UUID id, AccountId account, UUID listId, String listKey, ImportFormat format, boolean confirmed,
                   UUID keyId, Role role, long rowsDone, Instant createdAt, boolean storedAsRows) {
    }

    /** An import as the API shows it. */
    record View(UUID id, String status, String list, String format, String consent, long rows, long done,
                long imported, long updated, long unchanged, long rejected, String failure, Instant createdAt,
                Instant startedAt, Instant finishedAt) {
    }

    record Rejection(long row, String field, String reason) {
    }

    record Counts(long rows, long imported, long updated, long unchanged, long rejected) {
    }

    void insert(UUID id, AccountId account, UUID listId, ImportFormat format, String consent, UUID keyId, Role role,
                long bytes, long totalRows) {
        jdbc.update(ImportSql.INSERT, new MapSqlParameterSource("id", id).addValue("accountId", account.value())
                .addValue("listId", listId).addValue("format", format.name()).addValue("consent", consent)
                .addValue("keyId", keyId).addValue("keyRole", role.name()).addValue("bytes", bytes)
                .addValue("totalRows", totalRows));
    }

    /** The file's data rows, known once its rows are stored. */
    void totalRows(UUID id, long totalRows) {
        jdbc.update(ImportSql.SET_TOTAL_ROWS, Map.of("id", id, "totalRows", totalRows));
    }

    /** The account's imports that still hold an upload (QUEUED or RUNNING), oldest first. */
    List<UUID> active(AccountId account) {
        return jdbc.queryForList(ImportSql.ACTIVE_OF_ACCOUNT, Map.of("accountId", account.value()), UUID.class);
    }

    Optional<Claimed> claim(String node, Duration lease) {
        return jdbc.query(ImportSql.CLAIM, Map.of("node", node, "leaseSeconds", seconds(lease)),
                (rs, n) -> new Claimed(rs.getObject("id", UUID.class), new AccountId(rs.getObject("account_id", UUID.class)),
                        rs.getObject("list_id", UUID.class), rs.getString("list_key"),
                        ImportFormat.valueOf(rs.getString("format")), "CONFIRMED".equals(rs.getString("consent")),
                        rs.getObject("key_id", UUID.class), Role.valueOf(rs.getString("key_role")),
                        rs.getLong("rows_done"), rs.getTimestamp("created_at").toInstant().truncatedTo(
                                java.time.temporal.ChronoUnit.MICROS), "ROWS".equals(rs.getString("stored"))))
                .stream().findFirst();
    }

    /** The cursor of an import this node holds, its row locked for the transaction; empty when it lost the lease. */
    Optional<Long> hold(UUID id, String node) {
        return jdbc.queryForList(ImportSql.HOLD, Map.of("id", id, "node", node), Long.class).stream().findFirst();
    }

    void advance(UUID id, String node, Counts counts, Duration lease) {
        int changed = jdbc.update(ImportSql.ADVANCE, new MapSqlParameterSource("id", id).addValue("node", node)
                .addValue("rows", counts.rows()).addValue("imported", counts.imported())
                .addValue("updated", counts.updated()).addValue("unchanged", counts.unchanged())
                .addValue("rejected", counts.rejected()).addValue("leaseSeconds", seconds(lease)));
        if (changed != 1) {
            throw new LostLease(id);
        }
    }

    boolean finish(UUID id, String node, String status, String failure) {
        return jdbc.update(ImportSql.FINISH, new MapSqlParameterSource("id", id).addValue("node", node)
                .addValue("status", status).addValue("failure", failure)) == 1;
    }

    /**
     * Counts a failed attempt at the import's next chunk and gives it back after a pause ({@code pause} doubled
     * with every failure in a row); answers the failures in a row so far, or 0 when this node no longer held it.
     */
    int failedAttempt(UUID id, String node, Duration pause) {
        return jdbc.queryForList(ImportSql.FAIL_ATTEMPT, Map.of("id", id, "node", node,
                "pauseSeconds", seconds(pause)), Integer.class).stream().findFirst().orElse(0);
    }

    /** The import's data rows committed so far. */
    long rowsDone(UUID id) {
        return jdbc.queryForObject("select rows_done from imports_import where id = :id", Map.of("id", id), Long.class);
    }

    /** Where the import's first part still to do starts (a failing chunk's first row), or the rows done + 1. */
    long firstRowToDo(UUID id) {
        Long first = jdbc.queryForObject(ImportSql.FIRST_REMAINING_ROW, Map.of("id", id), Long.class);
        return first != null ? first : rowsDone(id) + 1;
    }

    void release(UUID id, String node) {
        jdbc.update(ImportSql.RELEASE, Map.of("id", id, "node", node));
    }

    void reject(UUID id, List<Rejection> rejections) {
        if (rejections.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(ImportSql.INSERT_REJECTION, rejections.stream().map(r -> new MapSqlParameterSource("id", id)
                .addValue("row", r.row()).addValue("field", clip(r.field(), 64))
                .addValue("reason", clip(r.reason(), 300))).toArray(SqlParameterSource[]::new));
    }

    Optional<View> find(AccountId account, UUID id) {
        return jdbc.query(ImportSql.FIND, Map.of("id", id, "accountId", account.value()), (rs, n) -> new View(
                rs.getObject("id", UUID.class), rs.getString("status"), rs.getString("list_key"),
                rs.getString("format"), rs.getString("consent"), rs.getLong("total_rows"), rs.getLong("rows_done"),
                rs.getLong("imported"), rs.getLong("updated"), rs.getLong("unchanged"), rs.getLong("rejected"),
                rs.getString("failure"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at"))))
                .stream().findFirst();
    }

    List<Rejection> rejections(UUID id, long afterRow, int limit) {
        return jdbc.query(ImportSql.FIND_REJECTIONS, Map.of("id", id, "afterRow", afterRow, "limit", limit),
                (rs, n) -> new Rejection(rs.getLong("row_no"), rs.getString("field"), rs.getString("reason")));
    }

    private static Instant instant(java.sql.Timestamp at) {
        return at == null ? null : at.toInstant();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** This node no longer holds the import: another node took it over after the lease ran out. */
    static final class LostLease extends RuntimeException {
        LostLease(UUID id) {
            super("import " + id + " is no longer this node's");
        }
    }
}
