package dev.consentflow.engine.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The engine's indexes on columns that this server leaves empty, made partial: each index keeps its name and its
 * columns and indexes only the rows whose column is set. The engine indexes every row, so each signup wrote six
 * variables into twelve indexes of {@code act_ru_variable} (72 entries), 42 of them for a task, a case, a batch, a
 * byte array or a tenant that no platform process has (SignupConfirmCostBench with pg_stat_statements: the
 * variables' insert was the costliest statement of a signup). Every query that can use such an index asks for a
 * value ({@code task_id_ = ?}, the foreign keys' checks when a task, case, batch or byte array row goes), and an
 * equality implies the column is not null, so PostgreSQL still uses the partial index for it; a query for the
 * rows without a value is not helped by an index of mostly empty entries either way.
 * <p>
 * Made once the engine has made its schema (Flyway runs before it), on a running system too: built with
 * {@code CREATE INDEX CONCURRENTLY} under a temporary name (writes go on), the engine's index dropped concurrently,
 * the new one renamed to its name, so the engine's upgrade scripts still find every index they name. One node does
 * it (a session advisory lock; a node that does not get it starts without waiting); every step can be repeated, so
 * a start that stops half way is finished by the next one. A failure is logged and the server starts with the
 * engine's index, as before. An index the engine did not make is left alone; indexes of ours that the engine lacks are
 * made by {@link EngineIndexes}. Once per upgrade a start scans each table once per index
 * (twice for a concurrent build): seconds for millions of running variables, while the other nodes serve.
 */
@Component
class PartialEngineIndexes extends AbstractProcessEnginePlugin {

    /** An engine index, its table and columns, and the column whose rows it keeps. */
    record Partial(String index, String table, String columns, String setColumn) {

        String temporary() {
            return index + "_set";
        }
    }

    static final List<Partial> INDEXES = List.of(
            new Partial("act_idx_variable_task_id", "act_ru_variable", "task_id_", "task_id_"),
            new Partial("act_idx_variable_task_name_type", "act_ru_variable", "task_id_, name_, type_", "task_id_"),
            new Partial("act_idx_var_case_exe", "act_ru_variable", "case_execution_id_", "case_execution_id_"),
            new Partial("act_idx_var_case_inst_id", "act_ru_variable", "case_inst_id_", "case_inst_id_"),
            new Partial("act_idx_batch_id", "act_ru_variable", "batch_id_", "batch_id_"),
            new Partial("act_idx_var_bytearray", "act_ru_variable", "bytearray_id_", "bytearray_id_"),
            new Partial("act_idx_exe_super", "act_ru_execution", "super_exec_", "super_exec_"),
            new Partial("act_idx_job_exception", "act_ru_job", "exception_stack_id_", "exception_stack_id_"),
            new Partial("act_idx_event_subscr_config_", "act_ru_event_subscr", "configuration_", "configuration_"));

    private static final long LOCK = 0x636f6e73656e7469L;
    private static final Logger log = LoggerFactory.getLogger(PartialEngineIndexes.class);

    private final DataSource dataSource;

    PartialEngineIndexes(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            if (INDEXES.stream().allMatch(p -> done(c, p))) {
                return;
            }
            if (!bool(c, "select pg_try_advisory_lock(" + LOCK + ")")) {
                return;
            }
            try {
                for (Partial p : INDEXES) {
                    make(c, p);
                }
            } finally {
                bool(c, "select pg_advisory_unlock(" + LOCK + ")");
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not make the engine's indexes partial (the next start tries again): {}", e.getMessage());
        }
    }

    private static void make(Connection c, Partial p) throws SQLException {
        if (done(c, p)) {
            return;
        }
        Boolean temporaryValid = valid(c, p.temporary());
        if (Boolean.FALSE.equals(temporaryValid)) {
            execute(c, "drop index concurrently if exists " + p.temporary());
            temporaryValid = null;
        }
        if (temporaryValid == null) {
            if (valid(c, p.index()) == null) {
                return;
            }
            execute(c, "create index concurrently " + p.temporary() + " on " + p.table() + " (" + p.columns()
                    + ") where " + p.setColumn() + " is not null");
        }
        execute(c, "drop index concurrently if exists " + p.index());
        execute(c, "alter index " + p.temporary() + " rename to " + p.index());
        log.info("Made the engine's index {} partial: only rows with {} set", p.index(), p.setColumn());
    }

    /** Whether the index exists under its own name as ours, or cannot be made (it does not exist at all). */
    private static boolean done(Connection c, Partial p) {
        try {
            Boolean partial = answer(c, "select indpred is not null from pg_index where indexrelid = to_regclass(?)",
                    p.index());
            return partial != null ? partial : valid(c, p.temporary()) == null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the index is valid; null when there is none of that name. */
    private static Boolean valid(Connection c, String index) throws SQLException {
        return answer(c, "select indisvalid from pg_index where indexrelid = to_regclass(?)", index);
    }

    /** The one boolean a query of one name answers; null when it answers no row. */
    private static Boolean answer(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    private static boolean bool(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
