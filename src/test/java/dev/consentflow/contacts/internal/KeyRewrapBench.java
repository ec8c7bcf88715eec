package dev.consentflow.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.keys.AccountKeys;
import dev.consentflow.support.Api;
import dev.consentflow.support.TestAccounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Measures (asserts no timing) the re-wrap rate of a rotation: 50,000 cards seeded with their wrapped data keys,
 * then one node re-wraps them in batches of 1,000. Not a test: a measurement, run by hand ({@code ./mvnw verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=KeyRewrapBench}); the numbers go to
 * {@code target/measurements.txt}.
 */
@IntegrationTest
class KeyRewrapBench {

    private static final int CARDS = 50_000;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate jdbcTemplate;

    @Autowired
    AccountKeys accountKeys;

    @Autowired
    CardKeys cardKeys;

    @Autowired
    KeyRotationAudit audit;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void reWrapRateOfOneNode() throws Exception {
        Api admin = TestAccounts.newAccount(Api.at(port));
        AccountId account = new AccountId(UUID.fromString(TestAccounts.accountId(admin)));
        SecureRandom random = new SecureRandom();
        Timestamp now = Timestamp.from(Instant.now());
        for (int from = 0; from < CARDS; from += 5_000) {
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                UUID id = UUID.randomUUID();
                byte[] index = new byte[32];
                random.nextBytes(index);
                rows.add(new Object[] {id, account.value(), cardKeys.create(account, id).wrapped(), index, now, now});
            }
            jdbcTemplate.batchUpdate("insert into contacts_contact (id, account_id, key_version, wrapped_key, "
                    + "index_version, email_index, source, created_at, updated_at) values (?, ?, 1, ?, 1, ?, 'API', ?, ?)",
                    rows);
        }
        KeyRotations rotations = new KeyRotations(jdbc, jdbcTemplate, accountKeys, cardKeys, audit,
                new KeyRotationProperties(1000, Duration.ofMinutes(1), Duration.ZERO, Duration.ofHours(1)),
                transactions);
        rotations.start(account);
        long start = System.nanoTime();
        assertThat(rotations.work(account, "measure", Integer.MAX_VALUE)).isEqualTo(KeyRotations.Outcome.FINISHED);
        long millis = (System.nanoTime() - start) / 1_000_000;
        double perSecond = CARDS * 1000.0 / millis;
        String lines = "rewrap.cards " + CARDS + "\nrewrap.ms " + millis + "\nrewrap.per-second " + Math.round(perSecond)
                + "\nrewrap.1000000.extrapolated-minutes " + Math.round(1_000_000 / perSecond / 60 * 10) / 10.0 + "\n";
        System.out.print(lines);
        Files.writeString(Path.of("target", "measurements.txt"), lines, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
