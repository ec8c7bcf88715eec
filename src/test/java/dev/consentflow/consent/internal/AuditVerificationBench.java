package dev.consentflow.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Measures (asserts no timing): a chain of 1,000,000 entries seeded with COPY, verified in full (the background
 * run, and the walk the old GET /api/audit/verify did), checkpointed, then 1,000 more appended and verified from
 * the checkpoint through GET /api/audit/verify. Not a test: a measurement, run by hand ({@code ./mvnw verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=AuditVerificationBench}); the numbers go to
 * {@code target/measurements.txt}.
 */
@IntegrationTest
class AuditVerificationBench {

    private static final int ENTRIES = 1_000_000;
    private static final int APPENDED = 1_000;

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ChainVerifier verifier;

    @Autowired
    AuditCheckpointer checkpointer;

    @Autowired
    FullVerifications fullVerifications;

    @Autowired
    PlatformTransactionManager transactionManager;

    TransactionTemplate snapshot;

    @BeforeEach
    void aSnapshotAsTheVerificationTakesIt() {
        snapshot = new TransactionTemplate(transactionManager);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    @Test
    void verificationOfAMillionEntriesInFullAndFromACheckpoint() throws Exception {
        UUID chain = UUID.randomUUID();
        long t0 = System.nanoTime();
        byte[] head = seed(chain, 0, null, ENTRIES);
        long seeded = System.nanoTime();

        UUID run = UUID.randomUUID();
        jdbc.sql("insert into consent_audit_verification (id, account_id, requested_by, started_at, head_seq) "
                + "values (:id, :chain, 'measure', now(), :seq)").param("id", run).param("chain", chain)
                .param("seq", ENTRIES).update();
        fullVerifications.run(run, new AuditHead(chain, ENTRIES, head));
        long full = System.nanoTime();
        assertThat(jdbc.sql("select valid from consent_audit_verification where id = :id").param("id", run)
                .query(Boolean.class).single()).isTrue();

        report(Map.of("audit.seed.1000000.ms", ms(t0, seeded), "audit.full.background.1000000.ms", ms(seeded, full)));
        // What GET /api/audit/verify did before checkpoints (longer than the test client's HTTP timeout here).
        var walk = snapshot.execute(status -> verifier.fromStart(chain));
        long fullHttp = System.nanoTime();
        assertThat(walk.valid()).isTrue();
        report(Map.of("audit.verify.no-checkpoint.1000000.ms", ms(full, fullHttp)));

        checkpointer.checkpoint(chain).orElseThrow();
        long checkpointed = System.nanoTime();

        seed(chain, ENTRIES, head, APPENDED);
        long appended = System.nanoTime();
        Api operator = Api.at(port).as(Api.OPERATOR_KEY);
        Api.Answer after = operator.get("/api/audit/verify?account=" + chain);
        long incremental = System.nanoTime();
        assertThat(after.json().get("valid").asBoolean()).as(after.body()).isTrue();
        assertThat(after.json().get("fromCheckpoint").get("seq").asLong()).isEqualTo(ENTRIES);

        report(Map.of(
                "audit.checkpoint.write.1000000.ms", ms(fullHttp, checkpointed),
                "audit.verify.http.from-checkpoint.1000.appended.ms", ms(appended, incremental)));
    }

    /** Appends {@code count} entries after {@code seq} with COPY, hashes computed as the chainer does. */
    private byte[] seed(UUID chain, long seq, byte[] previous, int count) throws Exception {
        HexFormat hex = HexFormat.of();
        Instant base = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(seq);
        try (Connection connection = dataSource.getConnection()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            int chunk = 50_000;
            for (int from = 0; from < count; from += chunk) {
                StringBuilder csv = new StringBuilder(chunk * 260);
                for (int i = from; i < Math.min(count, from + chunk); i++) {
                    long s = seq + i + 1;
                    Instant at = base.plusSeconds(i);
                    byte[] hash = CanonicalEntry.hash(chain, s, at, null, "SUBSCRIBED", "measure", Map.of(), null,
                            previous);
                    csv.append(chain).append(',').append(s).append(',').append(at).append(",SUBSCRIBED,measure,{},")
                            .append(previous == null ? "" : "\\x" + hex.formatHex(previous)).append(",\\x")
                            .append(hex.formatHex(hash)).append('\n');
                    previous = hash;
                }
                copy.copyIn("copy consent_audit_entry (account_id, seq, at, action, actor, detail, prev_hash, hash) "
                        + "from stdin with (format csv)", new StringReader(csv.toString()));
            }
        }
        jdbc.sql("insert into consent_audit_head (account_id, seq, hash) values (:chain, :seq, :hash) "
                        + "on conflict (account_id) do update set seq = :seq, hash = :hash")
                .param("chain", chain).param("seq", seq + count).param("hash", previous).update();
        return previous;
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static void report(Map<String, Long> numbers) throws IOException {
        StringBuilder lines = new StringBuilder();
        numbers.forEach((name, value) -> lines.append(name).append(' ').append(value).append('\n'));
        System.out.print(lines);
        Files.writeString(Path.of("target", "measurements.txt"), lines, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
