package dev.consentflow.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.TestAccounts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Not a test: a measurement, run by hand ({@code -Dit.test=ImportIndexCostBench}, {@code -Dbench.rows=20000}),
 * never by the build. What each part of an imported row costs PostgreSQL (issue 19): a confirmed import of new
 * addresses runs through the API, then its final rows (cards, fields, subscriptions, audit entries) are copied out
 * and COPYed again, in one transaction, into copies of the four tables in a scratch schema: once with every index,
 * check and foreign key of the server's tables, then once without each index and each foreign key in turn. The
 * CPU of the COPYing backend (from /proc) and the WAL it writes, per row, the least of three runs; the difference
 * to "all" is the price of the index or key. Also the chunk's statements other than the COPYs: the address locks
 * and the card look-ups by blind index, per row. One JSON line per variant.
 */
@IntegrationTest
@TestPropertySource(properties = "consentflow.imports.chunk-rows=1000")
class ImportIndexCostBench {

    static final List<String> TABLES = List.of("contacts_contact", "contacts_field", "contacts_subscription",
            "consent_audit_entry");
    static final int RUNS = 3;

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Test
    void priceOfEveryIndex() throws Exception {
        int rows = Integer.getInteger("bench.rows", 20_000);
        Api admin = TestAccounts.newAccount(Api.at(port));
        UUID account = UUID.fromString(TestAccounts.accountId(admin));
        String list = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("/api/lists", Map.of("key", list, "name", "Bench")).status()).isEqualTo(201);
        importRows(admin, account, rows);

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            Map<String, byte[]> data = dump(c, account);
            printTriggers(s);
            List<String> variants = new ArrayList<>();
            variants.add("all");
            for (String table : TABLES) {
                try (ResultSet rs = s.executeQuery("select indexrelid::regclass::text from pg_index where indrelid = '"
                        + table + "'::regclass order by 1")) {
                    while (rs.next()) {
                        variants.add("index " + rs.getString(1));
                    }
                }
                try (ResultSet rs = s.executeQuery("select conname from pg_constraint where contype = 'f' and conrelid = '"
                        + table + "'::regclass order by 1")) {
                    while (rs.next()) {
                        variants.add("fk " + table + " " + rs.getString(1));
                    }
                }
            }
            variants.add("none");
            Map<String, Object> all = null;
            for (String variant : variants) {
                long cpu = Long.MAX_VALUE;
                long wal = Long.MAX_VALUE;
                for (int run = 0; run < RUNS; run++) {
                    long[] cost = copyInto(c, s, variant, data);
                    cpu = Math.min(cpu, cost[0]);
                    wal = Math.min(wal, cost[1]);
                }
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("bench", "import-index-cost");
                line.put("variant", variant);
                line.put("rows", rows);
                line.put("postgres_cpu_us_per_row", Math.round(cpu * 100.0 / rows) / 100.0);
                line.put("wal_bytes_per_row", Math.round(wal * 10.0 / rows) / 10.0);
                System.out.println(new ObjectMapper().writeValueAsString(line));
            }
            lookups(c, s, account, rows);
            explain(s, account);
        }
    }

    /** The plans of the queries that read the four tables by the indexes an import writes, on these rows. */
    private static void explain(Statement s, UUID account) throws SQLException {
        String a = "'" + account + "'";
        String someEmails = "(select array_agg(email_index) from (select email_index from contacts_contact "
                + "where account_id = " + a + " limit 1000) x)";
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("import-cards-by-email", dev.consentflow.NamedSql.read("contacts", "import-cards-by-email")
                .replace(":accountId", a).replace("cast(:indexes as bytea[])", someEmails + "::bytea[]"));
        queries.put("ContactRepository.findByEmailIndex", "select * from contacts_contact where account_id = " + a
                + " and email_index = any(" + someEmails + "::bytea[]) and erased_at is null union all select * from "
                + "contacts_contact where account_id = " + a + " and email_index = any(" + someEmails + "::bytea[]"
                + ") and erased_at is not null order by created_at desc, id");
        queries.put("ContactRepository.emailTakenByAnother", "select exists(select 1 from contacts_contact where "
                + "account_id = " + a + " and email_index = any(" + someEmails + "::bytea[]) and erased_at is null and id <> "
                + "'00000000-0000-0000-0000-000000000000')");
        queries.put("inventory-consent-texts", dev.consentflow.NamedSql.read("contacts", "inventory-consent-texts")
                .replace(":account", a));
        queries.put("ListAudiences", "select id from contacts_subscription where account_id = " + a
                + " and list_id = (select id from contacts_list where account_id = " + a + " limit 1)"
                + " and status = 'CONFIRMED' and channel = 'EMAIL' limit 500");
        queries.put("AuditRowRepository.page", "select * from consent_audit_entry where account_id = " + a
                + " and seq > 100 order by seq limit 500");
        queries.put("AuditRowRepository.ofSubscriber", "select * from consent_audit_entry where account_id = " + a
                + " and subscriber_id = (select subscriber_id from consent_audit_entry where account_id = " + a
                + " and subscriber_id is not null limit 1) order by seq");
        queries.put("AuditRowRepository.search (time range)", "select * from consent_audit_entry where account_id = "
                + a + " and at >= now() - interval '1 second' and at < now() and seq > 0 order by seq limit 100");
        for (Map.Entry<String, String> q : queries.entrySet()) {
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery("explain (analyze, buffers, costs off, timing off) " + q.getValue())) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append("\n");
                }
            }
            System.out.println("EXPLAIN " + q.getKey() + "\n" + plan);
        }
    }

    private void importRows(Api admin, UUID account, int rows) throws Exception {
        StringBuilder csv = new StringBuilder(rows * 48).append("email,firstName\n");
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < rows; i++) {
            csv.append("priced-").append(run).append('-').append(i).append("@bench.test,Anna").append(i).append('\n');
        }
        String listKey;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select key from contacts_list where account_id = '" + account + "'")) {
            rs.next();
            listKey = rs.getString(1);
        }
        String id = Uploads.start(admin, "bench.csv", csv.toString().getBytes(StandardCharsets.UTF_8), listKey,
                "CONFIRMED");
        JsonNode done = await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.get("/api/imports/" + id).json(), s -> "DONE".equals(s.get("status").asText())
                        || "FAILED".equals(s.get("status").asText()));
        assertThat(done.get("imported").asLong()).isEqualTo(rows);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from consent_audit_pending where account_id = '"
                         + account + "'")) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        });
    }

    /** The account's final rows of the four tables, in COPY's text format. */
    private static Map<String, byte[]> dump(Connection c, UUID account) throws SQLException, java.io.IOException {
        Map<String, String> queries = Map.of(
                "contacts_contact", "select * from contacts_contact where account_id = '" + account + "'",
                "contacts_field", "select f.* from contacts_field f join contacts_contact c on c.id = f.contact_id "
                        + "where c.account_id = '" + account + "'",
                "contacts_subscription", "select * from contacts_subscription where account_id = '" + account + "'",
                "consent_audit_entry", "select * from consent_audit_entry where account_id = '" + account
                        + "' and subscriber_id is not null order by seq");
        Map<String, byte[]> data = new LinkedHashMap<>();
        for (String table : TABLES) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (" + queries.get(table) + ") to stdout", out);
            data.put(table, out.toByteArray());
        }
        return data;
    }

    private static void printTriggers(Statement s) throws SQLException {
        for (String table : TABLES) {
            try (ResultSet rs = s.executeQuery("select tgname, tgtype from pg_trigger where tgrelid = '" + table
                    + "'::regclass and not tgisinternal")) {
                while (rs.next()) {
                    System.out.println("{\"bench\":\"import-index-cost\",\"trigger\":\"" + table + "." + rs.getString(1)
                            + "\",\"tgtype\":" + rs.getInt(2) + "}");
                }
            }
        }
    }

    /** Makes the scratch tables without what the variant leaves out, COPYs the rows in: backend CPU µs, WAL bytes. */
    private static long[] copyInto(Connection c, Statement s, String variant, Map<String, byte[]> data)
            throws Exception {
        s.execute("drop schema if exists bench_ix cascade");
        s.execute("create schema bench_ix");
        List<String> foreignKeys = new ArrayList<>();
        for (String table : TABLES) {
            s.execute("create table bench_ix." + table + " (like public." + table + " including all)");
            try (ResultSet rs = s.executeQuery("select conname, pg_get_constraintdef(oid), confrelid::regclass::text "
                    + "from pg_constraint where contype = 'f' and conrelid = 'public." + table + "'::regclass")) {
                while (rs.next()) {
                    if (variant.equals("none") || variant.equals("fk " + table + " " + rs.getString(1))) {
                        continue;
                    }
                    String definition = rs.getString(2);
                    if (TABLES.contains(rs.getString(3))) {
                        definition = definition.replace("REFERENCES " + rs.getString(3), "REFERENCES bench_ix."
                                + rs.getString(3));
                    } else {
                        definition = definition.replace("REFERENCES " + rs.getString(3), "REFERENCES public."
                                + rs.getString(3));
                    }
                    foreignKeys.add("alter table bench_ix." + table + " add constraint " + rs.getString(1) + " "
                            + definition);
                }
            }
        }
        for (String fk : foreignKeys) {
            s.execute(fk);
        }
        if (variant.startsWith("index ")) {
            String publicIndex = variant.substring(6);
            List<String> drops = new ArrayList<>();
            // LIKE names the copies after the columns: find the copy by its definition.
            try (ResultSet rs = s.executeQuery("""
                    select i.indexrelid::regclass::text, c.conname, t.relname
                      from pg_index i join pg_class t on t.oid = i.indrelid
                      left join pg_constraint c on c.conindid = i.indexrelid and c.contype in ('p', 'u')
                     where t.relnamespace = 'bench_ix'::regnamespace
                       and pg_get_indexdef(i.indexrelid) = replace(replace(pg_get_indexdef('public.%s'::regclass),
                           ' ON public.', ' ON bench_ix.'), 'INDEX %s', 'INDEX ' || split_part(i.indexrelid::regclass::text, '.', 2))
                    """.formatted(publicIndex, publicIndex))) {
                while (rs.next()) {
                    drops.add(rs.getString(2) == null ? "drop index " + rs.getString(1)
                            : "alter table bench_ix." + rs.getString(3) + " drop constraint " + rs.getString(2)
                            + " cascade");
                }
            }
            if (drops.size() != 1) {
                throw new IllegalStateException(variant + ": " + drops);
            }
            s.execute(drops.get(0));
        }
        if (variant.equals("none")) {
            for (String table : TABLES) {
                List<String> drops = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("select i.indexrelid::regclass::text, c.conname from pg_index i "
                        + "left join pg_constraint c on c.conindid = i.indexrelid and c.contype in ('p', 'u') where i.indrelid = 'bench_ix."
                        + table + "'::regclass")) {
                    while (rs.next()) {
                        drops.add(rs.getString(2) == null ? "drop index " + rs.getString(1)
                                : "alter table bench_ix." + table + " drop constraint " + rs.getString(2) + " cascade");
                    }
                }
                for (String drop : drops) {
                    s.execute(drop);
                }
            }
        }
        long pid;
        try (ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            pid = rs.getLong(1);
        }
        long wal0 = wal(s);
        long cpu0 = cpuMicros(pid);
        c.setAutoCommit(false);
        for (String table : TABLES) {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy bench_ix." + table + " from stdin",
                    new ByteArrayInputStream(data.get(table)));
        }
        c.commit();
        c.setAutoCommit(true);
        long cpu = cpuMicros(pid) - cpu0;
        long wal = wal(s) - wal0;
        s.execute("drop schema bench_ix cascade");
        return new long[] {cpu, wal};
    }

    /** The chunk's other statements, per row: the address locks and the card look-ups, in chunks of 1,000. */
    private static void lookups(Connection c, Statement s, UUID account, int rows) throws Exception {
        long pid;
        try (ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            pid = rs.getLong(1);
        }
        Map<String, String> statements = new LinkedHashMap<>();
        statements.put("address locks", "select count(pg_advisory_xact_lock(k)) from (select hashtextextended(id::text, 0) k "
                + "from contacts_contact where account_id = '" + account + "' order by 1 limit 1000) t");
        statements.put("cards by email index", "select count(*) from (select id, email_index, erased_at from contacts_contact "
                + "where account_id = '" + account + "' and email_index = any((select array_agg(email_index) from "
                + "(select email_index from contacts_contact where account_id = '" + account
                + "' limit 1000) x)::bytea[]) order by created_at desc, id) t");
        statements.put("subscriptions of cards", "select count(*) from contacts_subscription where list_id = "
                + "(select list_id from contacts_subscription where account_id = '" + account + "' limit 1) "
                + "and contact_id = any((select array_agg(id) from (select id from contacts_contact where account_id = '"
                + account + "' limit 1000) x)::uuid[])");
        statements.put("chunk of 1000 doing nothing", "select count(*) from generate_series(1, 1000)");
        for (Map.Entry<String, String> statement : statements.entrySet()) {
            int repeats = 100;
            c.setAutoCommit(false);
            long cpu0 = cpuMicros(pid);
            for (int i = 0; i < repeats; i++) {
                s.executeQuery(statement.getValue()).close();
                c.commit();
            }
            long cpu = cpuMicros(pid) - cpu0;
            c.setAutoCommit(true);
            System.out.println("{\"bench\":\"import-index-cost\",\"statement\":\"" + statement.getKey()
                    + "\",\"postgres_cpu_us_per_row\":" + Math.round(cpu * 100.0 / repeats / 1000) / 100.0 + "}");
        }
    }

    private static long wal(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long cpuMicros(long pid) throws java.io.IOException {
        String text = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] rest = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(rest[11]) + Long.parseLong(rest[12])) * 10_000;
    }
}
