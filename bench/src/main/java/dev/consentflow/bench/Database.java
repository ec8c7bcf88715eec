package dev.consentflow.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one PostgreSQL that the server and the raw ceilings share. */
final class Database {

    /** Where the raw ceilings put their tables: a database of their own, or a schema when none may be created. */
    record Target(String jdbcUrl, String schema) {
    }

    private final Config config;
    private Target raw;

    Database(Config config) {
        this.config = config;
    }

    Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, config.jdbcUser(), config.jdbcPassword());
    }

    /** A fresh database for the raw ceilings, beside the server's on the same PostgreSQL. */
    synchronized Target raw() throws SQLException {
        if (raw != null) {
            return raw;
        }
        String name = "bench_raw_" + config.runId().replaceAll("[^a-z0-9]", "");
        try (Connection c = connect(config.pgAdminUrl()); Statement s = c.createStatement()) {
            s.execute("create database " + name);
            raw = new Target(withDatabase(config.pgAdminUrl(), name), null);
        } catch (SQLException e) {
            Log.info("cannot create a database (" + e.getMessage() + "), the raw ceilings use the schema " + name);
            try (Connection c = connect(config.appJdbcUrl()); Statement s = c.createStatement()) {
                s.execute("create schema if not exists " + name);
            }
            String url = config.appJdbcUrl() + (config.appJdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + name;
            raw = new Target(url, name);
        }
        return raw;
    }

    /**
     * For the server's engine tables: live rows, and rows changed since the planner's statistics were last
     * taken. Many changes since then mean plans made for a near-empty table (see RawEngine.analyze).
     */
    Map<String, Object> staleness(String... tables) {
        Map<String, Object> out = new LinkedHashMap<>();
        try (Connection c = connect(config.appJdbcUrl());
             PreparedStatement q = c.prepareStatement(
                     "select n_live_tup, n_mod_since_analyze from pg_stat_user_tables where relname = ?")) {
            for (String table : tables) {
                q.setString(1, table);
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        out.put(table, Map.of("rows", rs.getLong(1), "changed_since_analyze", rs.getLong(2)));
                    }
                }
            }
        } catch (SQLException e) {
            out.put("error", e.getMessage());
        }
        return out;
    }

    /** Drops what the raw ceilings made, so a given PostgreSQL does not collect a database per run. */
    synchronized void dropRaw() {
        if (raw == null) {
            return;
        }
        try {
            if (raw.schema() == null) {
                String name = raw.jdbcUrl().replaceAll(".*/([^/?]+)(\\?.*)?$", "$1");
                try (Connection c = connect(config.pgAdminUrl()); Statement s = c.createStatement()) {
                    s.execute("drop database if exists " + name + " with (force)");
                }
            } else {
                try (Connection c = connect(config.appJdbcUrl()); Statement s = c.createStatement()) {
                    s.execute("drop schema if exists " + raw.schema() + " cascade");
                }
            }
        } catch (SQLException e) {
            Log.info("could not drop the raw ceilings' database: " + e.getMessage());
        }
    }

    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String head = query < 0 ? url : url.substring(0, query);
        String tail = query < 0 ? "" : url.substring(query);
        return head.substring(0, head.lastIndexOf('/') + 1) + database + tail;
    }

    /**
     * Rows anywhere in the server's database (application, engine runtime and history tables) that hold the
     * marker in a text, json or bytea column. Answers table to row count, only tables with hits.
     */
    Map<String, Long> rowsContaining(String marker) throws SQLException {
        Map<String, List<String[]>> columns = new LinkedHashMap<>();
        try (Connection c = connect(config.appJdbcUrl());
             PreparedStatement q = c.prepareStatement("""
                     select c.table_schema, c.table_name, c.column_name, c.data_type
                       from information_schema.columns c
                       join information_schema.tables t
                         on t.table_schema = c.table_schema and t.table_name = c.table_name
                      where t.table_type = 'BASE TABLE'
                        and c.table_schema not in ('pg_catalog', 'information_schema')
                        and c.table_schema not like 'bench_raw_%'
                        and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea',
                                            'ARRAY', 'USER-DEFINED')
                     """)) {
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    columns.computeIfAbsent("\"" + rs.getString(1) + "\".\"" + rs.getString(2) + "\"",
                            k -> new ArrayList<>()).add(new String[] {rs.getString(3), rs.getString(4)});
                }
            }
            Map<String, Long> hits = new LinkedHashMap<>();
            for (var table : columns.entrySet()) {
                List<String> where = new ArrayList<>();
                for (String[] col : table.getValue()) {
                    String name = "\"" + col[0] + "\"";
                    where.add(col[1].equals("bytea")
                            ? "position(convert_to(?, 'UTF8') in " + name + ") > 0"
                            : name + "::text ilike ?");
                }
                try (PreparedStatement count = c.prepareStatement(
                        "select count(*) from " + table.getKey() + " where " + String.join(" or ", where))) {
                    for (int i = 0; i < table.getValue().size(); i++) {
                        String[] col = table.getValue().get(i);
                        count.setString(i + 1, col[1].equals("bytea") ? marker : "%" + marker + "%");
                    }
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            hits.put(table.getKey(), rs.getLong(1));
                        }
                    }
                }
            }
            return hits;
        }
    }
}
