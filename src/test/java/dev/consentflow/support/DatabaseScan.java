package dev.consentflow.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads every text, varchar, char, json, jsonb and bytea column of every table of the database outside the
 * system schemas (the application's and the engine's {@code act_ru_*}, {@code act_hi_*} and
 * {@code act_ge_bytearray} alike) and tells where a value appears: the proof that something is stored nowhere.
 */
public final class DatabaseScan {

    private final JdbcClient jdbc;
    private final List<Column> columns;

    private DatabaseScan(JdbcClient jdbc, List<Column> columns) {
        this.jdbc = jdbc;
        this.columns = columns;
    }

    public static DatabaseScan of(JdbcClient jdbc) {
        List<Column> columns = jdbc.sql("""
                select c.table_schema, c.table_name, c.column_name, c.data_type
                  from information_schema.columns c
                  join information_schema.tables t
                    on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
                 where c.table_schema not in ('pg_catalog', 'information_schema')
                   and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')
                """).query().listOfRows().stream()
                .map(row -> new Column(row.get("table_schema").toString(), row.get("table_name").toString(),
                        row.get("column_name").toString(), "bytea".equals(row.get("data_type"))))
                .toList();
        return new DatabaseScan(jdbc, columns);
    }

    /** Whether the scan reads the engine's tables too (their names start with {@code act_}). */
    public boolean seesTables(Predicate<String> tableName) {
        return columns.stream().anyMatch(c -> tableName.test(c.table()));
    }

    /**
     * Where each text appears, case-insensitively in text columns and as its UTF-8 bytes in bytea columns:
     * {@code "schema"."table"."column" holds <text>} per hit.
     */
    public List<String> find(List<String> needles) {
        List<String> found = new ArrayList<>();
        for (Column column : columns) {
            for (String needle : needles) {
                String sql = column.bytes()
                        ? "select count(*) from " + column.qualifiedTable() + " where position(:needle in "
                                + column.quotedName() + ") > 0"
                        : "select count(*) from " + column.qualifiedTable() + " where strpos(lower(" + column.quotedName()
                                + "::text), lower(:needle)) > 0";
                Object value = column.bytes() ? needle.getBytes(StandardCharsets.UTF_8) : needle;
                if (jdbc.sql(sql).param("needle", value).query(Long.class).single() > 0) {
                    found.add(column.qualifiedTable() + "." + column.quotedName() + " holds " + needle);
                }
            }
        }
        return found;
    }

    /** Where each byte sequence appears in a bytea column. */
    public List<String> findBytes(Map<String, byte[]> needles) {
        List<String> found = new ArrayList<>();
        for (Column column : columns) {
            if (!column.bytes()) {
                continue;
            }
            needles.forEach((label, needle) -> {
                String sql = "select count(*) from " + column.qualifiedTable() + " where position(:needle in "
                        + column.quotedName() + ") > 0";
                if (jdbc.sql(sql).param("needle", needle).query(Long.class).single() > 0) {
                    found.add(column.qualifiedTable() + "." + column.quotedName() + " holds " + label);
                }
            });
        }
        return found;
    }

    /** Every non-null value of every bytea column, labelled with where it is, to try keys on. */
    public List<Map.Entry<String, byte[]>> everyByteValue() {
        List<Map.Entry<String, byte[]>> values = new ArrayList<>();
        for (Column column : columns) {
            if (!column.bytes()) {
                continue;
            }
            String where = column.qualifiedTable() + "." + column.quotedName();
            jdbc.sql("select " + column.quotedName() + " from " + column.qualifiedTable() + " where " + column.quotedName()
                    + " is not null").query((rs, row) -> rs.getBytes(1)).list()
                    .forEach(value -> values.add(Map.entry(where, value)));
        }
        return values;
    }

    private record Column(String schema, String table, String column, boolean bytes) {

        String qualifiedTable() {
            return quote(schema) + "." + quote(table);
        }

        String quotedName() {
            return quote(column);
        }

        private static String quote(String identifier) {
            return "\"" + identifier.replace("\"", "\"\"") + "\"";
        }
    }
}
