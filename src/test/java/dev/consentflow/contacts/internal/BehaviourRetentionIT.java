package dev.consentflow.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.support.Api;
import dev.consentflow.support.TestAccounts;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Behaviour events leave at the end of the account's period, run with a clock moved forward; counts are audited. */
@IntegrationTest
class BehaviourRetentionIT {

    private static final Instant NOW = Instant.parse("2030-06-15T12:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    BehaviourRetention retention;

    @Autowired
    JdbcClient jdbc;

    Api admin;
    UUID account;
    UUID contact;

    @BeforeEach
    void aContactWithOpensAndClicksOverThreeYears() {
        admin = TestAccounts.newAccount(Api.at(port));
        account = UUID.fromString(TestAccounts.accountId(admin));
        admin.post("/api/lists", Map.of("key", "news", "name", "News"));
        contact = UUID.fromString(admin.post("/api/subscriptions", Map.of("email", "ret-" + UUID.randomUUID()
                        + "@example.dk", "list", "news", "confirmed", true, "ip", "203.0.113.7",
                "at", "2025-11-29T10:00:00Z")).json().get("subscriberId").asText());
        event("OPEN", 30);
        event("CLICK", 25);
        event("OPEN", 23);
        event("CLICK", 6);
        event("UPDATE", 30);
    }

    @Test
    void eventsOlderThanTwentyFourMonthsLeaveByDefaultAndTheirCountIsAudited() {
        assertThat(admin.get("/api/retention-settings").json().get("behaviourEventMonths").asInt()).isEqualTo(24);
        retention.removeExpired(new AccountId(account), NOW);
        assertThat(left("OPEN")).isEqualTo(1);
        assertThat(left("CLICK")).isEqualTo(1);
        assertThat(left("UPDATE")).as("a change of the card is no behaviour event").isEqualTo(1);

        JsonNode applied = StreamSupport.stream(admin.get("/api/audit?action=RETENTION_APPLIED").json().spliterator(),
                false).findFirst().orElseThrow();
        assertThat(applied.get("detail").get("removed").asLong()).isEqualTo(2);
        assertThat(applied.get("detail").get("what").asText()).isEqualTo("behaviourEvents");
        assertThat(applied.get("actor").asText()).isEqualTo("system:retention");

        retention.removeExpired(new AccountId(account), NOW);
        assertThat(admin.get("/api/audit?action=RETENTION_APPLIED").json()).as("nothing removed, nothing audited")
                .hasSize(1);
    }

    @Test
    void anAccountsOwnPeriodHoldsAndAMovedClockTakesTheRest() {
        Api.Answer changed = admin.put("/api/retention-settings", Map.of("behaviourEventMonths", 12));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(admin.put("/api/retention-settings", Map.of("behaviourEventMonths", 0)).status()).isEqualTo(400);
        assertThat(TestAccounts.newKey(admin, "MARKETER").put("/api/retention-settings",
                Map.of("behaviourEventMonths", 6)).status()).isEqualTo(403);

        retention.removeExpired(new AccountId(account), NOW);
        assertThat(left("OPEN") + left("CLICK")).isEqualTo(1);
        retention.removeExpired(new AccountId(account), NOW.atOffset(ZoneOffset.UTC).plusMonths(7).toInstant());
        assertThat(left("OPEN") + left("CLICK")).isZero();
    }

    private void event(String type, int monthsAgo) {
        jdbc.sql("insert into contacts_event (id, account_id, contact_id, type, at) values (:id, :account, :contact, "
                        + ":type, :at)")
                .param("id", UUID.randomUUID()).param("account", account).param("contact", contact).param("type", type)
                .param("at", Timestamp.from(NOW.atOffset(ZoneOffset.UTC).minusMonths(monthsAgo).plusDays(1).toInstant()))
                .update();
    }

    private int left(String type) {
        return jdbc.sql("select count(*) from contacts_event where contact_id = :contact and type = :type")
                .param("contact", contact).param("type", type).query(Integer.class).single();
    }
}
