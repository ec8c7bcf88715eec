package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.TestAccounts;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.jdbc.core.convert.EntityRowMapper;
import org.springframework.data.jdbc.core.convert.JdbcConverter;
import org.springframework.data.relational.core.mapping.RelationalPersistentEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A click's lock reads its request by hand (ConfirmationRows.lockSignupOfLink) as the repository maps it, and finds
 * only a signup's link.
 */
@IntegrationTest
class ConfirmationRowsIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    @LocalServerPort
    int port;

    @Autowired
    ConfirmationRows rows;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcConverter converter;

    @Test
    void theLockedRequestIsTheRepositorysWithEveryColumnSetOrNullAndOnlyASignupsLinkFindsIt() {
        UUID account = UUID.fromString(TestAccounts.accountId(TestAccounts.newAccount(Api.at(port))));
        String waiting = request(account, "SIGNUP");
        String confirmed = request(account, "SIGNUP");
        jdbc.sql("""
                        update subscription_confirmation_request
                           set state = 'CONFIRMED', confirmed_at = '2026-03-02T01:02:03.456789Z',
                               last_requested_at = '2026-03-01T10:15:30.123456Z', click_evidence = :evidence
                         where process_instance_id = :id""")
                .param("evidence", "sealed evidence".getBytes(StandardCharsets.UTF_8)).param("id", confirmed).update();
        String resubscription = request(account, "RESUBSCRIPTION");

        @SuppressWarnings("unchecked")
        var repository = new EntityRowMapper<>((RelationalPersistentEntity<ConfirmationRequest>) converter
                .getMappingContext().getRequiredPersistentEntity(ConfirmationRequest.class), converter);
        for (String id : new String[] {waiting, confirmed}) {
            ConfirmationRequest byHand = rows.lockSignupOfLink(link(id, "SIGNUP")).orElseThrow();
            ConfirmationRequest mapped = jdbc.sql(
                            "select * from subscription_confirmation_request where process_instance_id = :id")
                    .param("id", id).query(repository).single();
            assertThat(byHand).usingRecursiveComparison().isEqualTo(mapped);
            assertThat(byHand.processInstanceId()).isEqualTo(id);
            if (id.equals(confirmed)) {
                assertThat(byHand.isWaiting()).isFalse();
                assertThat(byHand.confirmedAt()).isNotNull();
                assertThat(byHand.clickEvidence()).asString(StandardCharsets.UTF_8).isEqualTo("sealed evidence");
            } else {
                assertThat(byHand.isWaiting()).isTrue();
                assertThat(byHand.confirmedAt()).isNull();
                assertThat(byHand.clickEvidence()).isNull();
            }
        }
        assertThat(rows.lockSignupOfLink(link(resubscription, "RESUBSCRIPTION"))).as("a resubscription's link").isEmpty();
        byte[] unknown = new byte[32];
        RANDOM.nextBytes(unknown);
        assertThat(rows.lockSignupOfLink(unknown)).as("no link").isEmpty();
    }

    /** A request of the purpose, as the tables' shape wants it (ids only; no process behind it). */
    private String request(UUID account, String purpose) {
        String id = "rows-" + UUID.randomUUID();
        boolean signup = purpose.equals("SIGNUP");
        jdbc.sql("""
                        insert into subscription_confirmation_request (process_instance_id, purpose, request_id,
                               account_id, subscriber_id, subscription_id, tombstone_id, resubscription_id, list_key,
                               channel, state)
                        values (:id, :purpose, :requestId, :account, :subscriber, :subscription, :tombstone,
                                :resubscription, :listKey, 'EMAIL', 'WAITING')""")
                .param("id", id).param("purpose", purpose).param("requestId", UUID.randomUUID())
                .param("account", account)
                .param("subscriber", signup ? UUID.randomUUID() : null)
                .param("subscription", signup ? UUID.randomUUID() : null)
                .param("tombstone", signup ? null : UUID.randomUUID())
                .param("resubscription", signup ? null : UUID.randomUUID())
                .param("listKey", signup ? null : "news")
                .update();
        byte[] hash = new byte[32];
        RANDOM.nextBytes(hash);
        jdbc.sql("insert into subscription_confirmation_request_token (token_hash, purpose, process_instance_id)"
                        + " values (:hash, :purpose, :id)")
                .param("hash", hash).param("purpose", purpose).param("id", id).update();
        return id;
    }

    /** The hash of the request's one link. */
    private byte[] link(String id, String purpose) {
        return jdbc.sql("select token_hash from subscription_confirmation_request_token"
                        + " where process_instance_id = :id and purpose = :purpose")
                .param("id", id).param("purpose", purpose).query(byte[].class).single();
    }
}
