package dev.consentflow.campaigns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.IntegrationTest;
import dev.consentflow.NamedSql;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.support.Api;
import dev.consentflow.support.CostMeter;
import dev.consentflow.support.StatementCounting;
import dev.consentflow.support.TestAccounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Not a test: a measurement, run by hand and by name ({@code ./mvnw -B -o verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=CampaignProgressReadBench}, {@code -Dbench.n=} messages,
 * 100,000 by default), never by the build. What one look at a sending campaign's progress costs
 * ({@code GET /api/campaigns/{id}}, the console's campaign page): a campaign of n messages in the states a running
 * dispatch leaves them in is written straight into the tables (by the same statements' triggers a dispatch fires),
 * then the look is taken 20 times, counting its statements and the buffers PostgreSQL touched (shared hits and
 * reads of the database), and the dispatch's own ledger and feedback statements are explained with
 * {@code EXPLAIN (ANALYZE, BUFFERS)}. Printed, and written to {@code target/bench/campaign-progress-read.txt}.
 */
@IntegrationTest
@Import(StatementCounting.class)
class CampaignProgressReadBench {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CampaignRows campaigns;
    @Autowired
    CampaignLedgers ledgers;

    @Test
    void measure() throws IOException {
        int n = Integer.getInteger("bench.n", 100_000);
        Api admin = TestAccounts.newAccount(Api.at(port));
        assertThat(admin.post("/api/lists", Map.of("key", "news", "name", "News", "brand", "bench")).status())
                .isEqualTo(201);
        assertThat(admin.post("/api/templates", Map.of("key", "offer", "subject", "Offer", "html", "<p>Hello</p>",
                "text", "Hello")).status()).isEqualTo(201);
        String id = admin.post("/api/campaigns", Map.of("name", "Reads", "list", "news", "template", "offer"))
                .json().get("id").asText();
        UUID account = UUID.fromString(TestAccounts.accountId(admin));
        jdbc.sql("update campaigns_campaign set status = 'SENDING', send_at = now(), audience = :n where id = :id")
                .param("n", n).param("id", UUID.fromString(id)).update();
        // A dispatch half way: most sent, some queued, waiting for a retry, sending, and every final state.
        jdbc.sql("""
                        insert into dispatch_outbox (id, account_id, subscriber_id, subscription_id, channel, purpose,
                                                     batch_id, list_id, key_version, state, attempts, started_at,
                                                     finished_at, lease_owner, lease_expires_at)
                        select gen_random_uuid(), :account, gen_random_uuid(), gen_random_uuid(), 'EMAIL',
                               'CAMPAIGN', :batch, 'news', 1, s.state, 1, now(),
                               case when s.state in ('QUEUED', 'SENDING', 'SOFT_FAIL') then null else now() end,
                               case when s.state = 'SENDING' then 'bench' end,
                               case when s.state = 'SENDING' then now() + interval '1 hour' end
                          from (select case when i % 100 < 60 then 'SENT' when i % 100 < 85 then 'QUEUED'
                                            when i % 100 < 88 then 'SOFT_FAIL' when i % 100 < 90 then 'SENDING'
                                            when i % 100 < 94 then 'HARD_FAIL' when i % 100 < 96 then 'SUPPRESSED'
                                            when i % 100 < 98 then 'EXPIRED' else 'UNKNOWN' end as state
                                  from generate_series(1, :n) i) s
                        """)
                .param("account", account).param("batch", id).param("n", n).update();
        jdbc.sql("""
                        insert into campaigns_recipient (campaign_id, subscription_id, message_id, subscriber_id,
                                                         opened_at, clicked_at)
                        select :campaign, o.subscription_id, o.id, o.subscriber_id,
                               case when row_number() over () % 10 = 0 then now() end,
                               case when row_number() over () % 30 = 0 then now() end
                          from dispatch_outbox o where o.batch_id = :batch
                        """)
                .param("campaign", UUID.fromString(id)).param("batch", id).update();
        jdbc.sql("analyze dispatch_outbox").update();
        jdbc.sql("analyze campaigns_recipient").update();

        CampaignRows.Campaign sending = campaigns.find(new AccountId(account), UUID.fromString(id)).orElseThrow();
        StringBuilder out = new StringBuilder();
        ledgers.live(sending, "offer"); // warm: the buffers are in shared memory, as during a dispatch
        int looks = 20;
        CostMeter meter = new CostMeter(jdbc);
        long blocksBefore = blocks();
        CostMeter.Snapshot before = meter.snapshot();
        StatementCounting.start();
        Thread looker = new Thread(() -> {
            for (int i = 0; i < looks; i++) {
                ledgers.live(sending, "offer");
            }
        });
        looker.start();
        try {
            looker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        StatementCounting.stop();
        CostMeter.Snapshot after = meter.snapshot();
        long blocksAfter = blocks();
        out.append(String.format("{\"bench\":\"campaign-progress-read\",\"n\":%d,\"statements_per_look\":%.1f,"
                        + "\"buffers_per_look\":%.0f,\"pg_cpu_ms_per_look\":%.2f,\"jvm_cpu_ms_per_look\":%.2f}%n",
                n, StatementCounting.total() / (double) looks, (blocksAfter - blocksBefore) / (double) looks,
                (after.pgCpuNanos() - before.pgCpuNanos()) / 1e6 / looks,
                (after.jvmCpuNanos() - before.jvmCpuNanos()) / 1e6 / looks));
        StatementCounting.statements().forEach((sql, count) -> out.append(String.format("  %5.1f %s%n",
                count / (double) looks, sql.replaceAll("\\s+", " "))));
        for (String name : new String[] {"ledger", "batch-feedback", "complaint-rate"}) {
            String sql = NamedSql.read("dispatch", name).replace(":batchId", "'" + id + "'")
                    .replace(":accountId", "'" + account + "'::uuid");
            out.append("\nEXPLAIN (ANALYZE, BUFFERS) sql/dispatch/").append(name).append(".sql:\n");
            jdbc.sql("explain (analyze, buffers, costs off, timing off) " + sql).query(String.class).list()
                    .forEach(line -> out.append("  ").append(line).append('\n'));
        }
        System.out.println(out);
        Path file = Path.of("target", "bench", "campaign-progress-read.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out.toString());
    }

    /** Shared buffers hit and read by this database's backends so far. */
    private long blocks() {
        // Backends report their statistics when idle, at most once a second: wait for the looker's.
        org.awaitility.Awaitility.await().pollDelay(java.time.Duration.ofMillis(1500)).until(() -> true);
        jdbc.sql("select pg_stat_clear_snapshot()").query().listOfRows();
        return jdbc.sql("""
                        select blks_hit + blks_read from pg_stat_database where datname = current_database()
                        """).query(Long.class).single();
    }
}
