package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.keys.KeyRing;
import dev.consentflow.keys.Sealing;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.DevMailbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The move of live confirmations into the one mechanism (V151) loses none. The server starts with Flyway stopped
 * at V150, so the old tables stand as V31 and V56 made them; real signups and resubscriptions make waiting
 * instances, whose rows the test then writes back in the old tables with the old schema's SQL, with links hashed
 * as the old code hashed them (and the links the new code sent removed). Then the rest migrates, and the old
 * links go through the real pages and clicks: they confirm, answer "already confirmed", or are gone, as before.
 */
@IntegrationTest
@Import(ConfirmationMigrationIT.StopBeforeTheMove.class)
@TestPropertySource(properties = {"consentflow.web.trusted-proxies=127.0.0.1", "consentflow.signup.rate-per-address=50"})
class ConfirmationMigrationIT {

    private static final String AT = "2025-11-29T10:00:00Z";
    private static final String THE_MOVE = "V151__";
    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+(/c/[A-Za-z0-9_-]{43})");

    /**
     * Start-up migrates to the version before the move only; the test migrates the rest. Imported, so this
     * context is one of its own (a nested test configuration is not found when the classes are given).
     */
    @TestConfiguration
    static class StopBeforeTheMove {

        /**
         * Every migration but the move itself (V151): the server's other modules need their later migrations to
         * run, and none of those touches the confirmation tables.
         */
        @Bean
        FlywayMigrationStrategy stopBeforeTheMove() {
            return flyway -> Flyway.configure().configuration(flyway.getConfiguration())
                    .locations("filesystem:" + migrationsWithoutTheMove()).load().migrate();
        }

        private static Path migrationsWithoutTheMove() {
            try {
                Path dir = Files.createTempDirectory("migrations-before-the-move");
                for (Resource file : new PathMatchingResourcePatternResolver()
                        .getResources("classpath:db/migration/*.sql")) {
                    if (!file.getFilename().startsWith(THE_MOVE)) {
                        try (InputStream in = file.getInputStream()) {
                            Files.copy(in, dir.resolve(file.getFilename()));
                        }
                    }
                }
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Flyway flyway;

    @Autowired
    KeyRing keys;

    Api anonymous;
    Api admin;
    String list;

    @BeforeEach
    void aList() {
        anonymous = Api.at(port);
        admin = anonymous.as(Api.ADMIN_KEY);
        list = "moved-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("/api/lists", Map.of("key", list, "name", "Acme News", "brand", "acme")).status())
                .isEqualTo(201);
    }

    @Test
    void linksSentBeforeTheMoveConfirmAfterItAsTheyWouldHaveBefore() {
        String signupEmail = address();
        assertThat(admin.post("/api/subscriptions", Map.of("email", signupEmail, "list", list)).status())
                .isEqualTo(202);
        DevMailbox.of(anonymous).awaitMail(signupEmail, "Please confirm");
        String backEmail = address();
        String tombstone = erasedSubscriber(backEmail);
        assertThat(admin.post("/api/contacts/" + tombstone + "/resubscribe", Map.of("list", list, "email", backEmail))
                .status()).isEqualTo(202);
        DevMailbox.of(anonymous).awaitMail(backEmail, "Confirm that you want");
        String doneEmail = address();
        String doneTombstone = erasedSubscriber(doneEmail);
        admin.post("/api/contacts/" + doneTombstone + "/resubscribe", Map.of("list", list, "email", doneEmail));
        String doneLink = path(DevMailbox.of(anonymous).awaitMail(doneEmail, "Confirm that you want"));
        assertThat(click(doneLink).body()).contains("Your subscription is confirmed");

        String signupInstance = instance("subscriber_id", subscriber(signupEmail));
        String backInstance = instance("tombstone_id", tombstone);
        String doneInstance = instance("tombstone_id", doneTombstone);
        Map<String, Object> signupRow = row(signupInstance);
        Map<String, Object> backRow = row(backInstance);
        String oldSignupLink = writtenAsBefore(signupInstance);
        String oldReminderLink = linkAsBefore("CONFIRMATION", signupInstance);
        String oldBackLink = writtenAsBefore(backInstance);
        String oldDoneLink = writtenAsBefore(doneInstance);
        String expiredLink = expiredDoubleOptInAsBefore(signupRow);
        assertThat(anonymous.get(doneLink).status()).as("the new code's links are gone with its rows").isEqualTo(410);

        // The move runs after the later migrations of other modules here, so out of order; it reads and writes
        // only the confirmation tables.
        Flyway.configure().configuration(flyway.getConfiguration()).outOfOrder(true).load().migrate();

        assertThat(jdbc.sql("select count(*) from pg_class where relname in ('subscription_double_opt_in', "
                + "'subscription_confirmation_token', 'subscription_resubscribe', 'subscription_resubscribe_token')")
                .query(Long.class).single()).isZero();
        assertThat(row(signupInstance)).containsAllEntriesOf(without(signupRow, "click_evidence"))
                .containsEntry("purpose", "SIGNUP");
        assertThat(row(backInstance)).containsAllEntriesOf(without(backRow, "click_evidence"))
                .containsEntry("purpose", "RESUBSCRIPTION");
        assertThat(row(doneInstance)).containsEntry("state", "CONFIRMED");
        assertThat(jdbc.sql("select count(*) from subscription_confirmation_request_token "
                        + "where process_instance_id in (:signup, :back, :done)")
                .param("signup", signupInstance).param("back", backInstance).param("done", doneInstance)
                .query(Long.class).single()).isEqualTo(4);

        // The double opt-in's links: a look offers the button, a click confirms once, the second link knows it.
        Answer look = anonymous.get(oldSignupLink);
        assertThat(look.status()).isEqualTo(200);
        assertThat(look.body()).contains("<form method=\"post\"", "Acme News");
        assertThat(click(oldSignupLink).body()).contains("Your subscription is confirmed");
        JsonNode subscription = subscription(signupEmail);
        assertThat(subscription.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(subscription.get("confirmIp").asText()).isEqualTo("198.51.100.60");
        assertThat(click(oldReminderLink).body()).contains("already confirmed");
        DevMailbox.of(anonymous).awaitMail(signupEmail, "Welcome to Acme News");

        // The resubscription's link: the erased person comes back as a new card.
        assertThat(anonymous.get(oldBackLink).body()).contains("<form method=\"post\"");
        assertThat(click(oldBackLink).body()).contains("Your subscription is confirmed");
        List<JsonNode> cards = cards(backEmail);
        assertThat(cards).hasSize(2);
        assertThat(cards.get(0).get("source").asText()).isEqualTo("RESUBSCRIBED");
        assertThat(cards.get(0).get("subscriptions").get(0).get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(cards.get(1).get("subscriberId").asText()).isEqualTo(tombstone);
        DevMailbox.of(anonymous).awaitMail(backEmail, "Welcome to Acme News");

        // A link of a resubscription confirmed before the move still knows it; an expired one stays gone.
        assertThat(click(oldDoneLink).body()).contains("already confirmed");
        assertThat(anonymous.get(expiredLink).status()).isEqualTo(410);
        assertThat(click(expiredLink).status()).isEqualTo(410);
        assertThat(admin.get("/api/audit/verify").json().get("valid").asBoolean()).isTrue();
    }

    /**
     * The instance's row as the server before the move wrote it, in its old table, with one link as the old code
     * made it: the row the new code wrote goes, and its links with it.
     */
    private String writtenAsBefore(String instance) {
        Map<String, Object> row = row(instance);
        jdbc.sql("delete from subscription_confirmation_request where process_instance_id = :id")
                .param("id", instance).update();
        if ("SIGNUP".equals(row.get("purpose"))) {
            jdbc.sql("""
                    insert into subscription_double_opt_in (process_instance_id, request_id, account_id,
                        subscriber_id, subscription_id, channel, state, created_at, last_requested_at, confirmed_at,
                        click_evidence)
                    values (:process_instance_id, :request_id, :account_id, :subscriber_id, :subscription_id,
                        :channel, :state, :created_at, :last_requested_at, :confirmed_at, :click_evidence)""")
                    .params(row).update();
            return linkAsBefore("CONFIRMATION", instance);
        }
        jdbc.sql("""
                insert into subscription_resubscribe (process_instance_id, request_id, account_id, tombstone_id,
                    resubscription_id, list_key, channel, state, created_at, last_requested_at, confirmed_at,
                    subscriber_id, click_evidence)
                values (:process_instance_id, :request_id, :account_id, :tombstone_id, :resubscription_id,
                    :list_key, :channel, :state, :created_at, :last_requested_at, :confirmed_at, :subscriber_id,
                    :click_evidence)""")
                .params(row).update();
        return linkAsBefore("RESUBSCRIPTION", instance);
    }

    /** A link as the old code made it: the HMAC of {@code purpose:token} in the purpose's old table. */
    private String linkAsBefore(String purpose, String instance) {
        String token = RandomTokens.next();
        byte[] hash = Sealing.hmac(keys.derive("subscription.confirmation-token", keys.currentVersion()),
                (purpose + ":" + token).getBytes(StandardCharsets.US_ASCII));
        if (purpose.equals("CONFIRMATION")) {
            jdbc.sql("insert into subscription_confirmation_token (token_hash, purpose, process_instance_id) "
                    + "values (:hash, 'CONFIRMATION', :id)").param("hash", hash).param("id", instance).update();
        } else {
            jdbc.sql("insert into subscription_resubscribe_token (token_hash, process_instance_id) values (:hash, :id)")
                    .param("hash", hash).param("id", instance).update();
        }
        return "/c/" + token;
    }

    /** An expired double opt-in as the old code left it: the row, and a link it had not forgotten. */
    private String expiredDoubleOptInAsBefore(Map<String, Object> like) {
        String instance = "expired-" + UUID.randomUUID();
        Map<String, Object> row = new HashMap<>(like);
        row.put("process_instance_id", instance);
        row.put("request_id", UUID.randomUUID());
        row.put("subscription_id", UUID.randomUUID());
        row.put("state", "EXPIRED");
        jdbc.sql("""
                insert into subscription_double_opt_in (process_instance_id, request_id, account_id, subscriber_id,
                    subscription_id, channel, state, created_at, last_requested_at)
                values (:process_instance_id, :request_id, :account_id, :subscriber_id, :subscription_id, :channel,
                    :state, :created_at, :last_requested_at)""").params(row).update();
        return linkAsBefore("CONFIRMATION", instance);
    }

    private Map<String, Object> row(String instance) {
        return jdbc.sql("select * from subscription_confirmation_request where process_instance_id = :id")
                .param("id", instance).query().singleRow();
    }

    private static Map<String, Object> without(Map<String, Object> row, String column) {
        Map<String, Object> rest = new HashMap<>(row);
        rest.remove(column);
        return rest;
    }

    private String instance(String column, String id) {
        return jdbc.sql("select process_instance_id from subscription_confirmation_request where " + column + " = :id")
                .param("id", UUID.fromString(id)).query(String.class).single();
    }

    /** The path of the confirmation link in a mail, its quoted-printable soft line breaks undone. */
    private static String path(JsonNode mail) {
        Matcher link = LINK.matcher(mail.get("body").asText().replace("=\r\n", "").replace("=\n", ""));
        assertThat(link.find()).as("a confirmation link in " + mail).isTrue();
        return link.group(1);
    }

    private Answer click(String path) {
        return anonymous.postRaw(path, "application/x-www-form-urlencoded", new byte[0],
                Map.of("X-Forwarded-For", "198.51.100.60"));
    }

    /** A confirmed subscriber of the list, made a tombstone. */
    private String erasedSubscriber(String email) {
        Answer subscribed = admin.post("/api/subscriptions", Map.of("email", email, "list", list, "confirmed", true,
                "ip", "203.0.113.60", "at", AT));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        String id = subscribed.json().get("subscriberId").asText();
        assertThat(admin.post("/api/contacts/" + id + "/erase", Map.of("reason", "asked")).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "DELETED".equals(admin.get("/api/contacts/" + id).json().get("permission").asText()));
        return id;
    }

    private List<JsonNode> cards(String email) {
        return StreamSupport.stream(admin.get("/api/contacts?email=" + email).json().spliterator(), false).toList();
    }

    private String subscriber(String email) {
        return cards(email).get(0).get("subscriberId").asText();
    }

    private JsonNode subscription(String email) {
        return StreamSupport.stream(cards(email).get(0).get("subscriptions").spliterator(), false)
                .filter(s -> list.equals(s.get("list").asText())).findFirst().orElseThrow();
    }

    private static String address() {
        return "moved-" + UUID.randomUUID() + "@example.dk";
    }
}
