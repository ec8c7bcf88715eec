package dev.consentflow.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.Signup;
import dev.consentflow.contacts.SignupOutcome;
import dev.consentflow.contacts.Source;
import dev.consentflow.contacts.Subscribers;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.support.Api;
import dev.consentflow.support.TestAccounts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.jdbc.core.convert.EntityRowMapper;
import org.springframework.data.jdbc.core.convert.JdbcConverter;
import org.springframework.data.relational.core.mapping.RelationalPersistentEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A click's lock reads its subscription by hand (SubscriptionLifecycle.subscriptionOf) as the repository maps it. */
@IntegrationTest
class SubscriptionRowsIT {

    @LocalServerPort
    int port;

    @Autowired
    Subscribers subscribers;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcConverter converter;

    @Test
    void theHandMappedRowIsTheRepositorysWithEveryColumnSetOrNull() {
        Api admin = TestAccounts.newAccount(Api.at(port));
        AccountId account = AccountId.of(TestAccounts.accountId(admin));
        admin.post("/api/lists", Map.of("key", "news", "name", "News"));
        UUID bare = pending(account, new ConsentEvidence(Instant.now(), null, null, null, null, null), Source.API);
        UUID full = pending(account, new ConsentEvidence(Instant.parse("2026-03-01T10:15:30.123456Z"), "203.0.113.7",
                "Mozilla/5.0", "news-signup", 3, "Yes, send me the newsletter"), Source.WEBFORM);
        jdbc.sql("""
                        update contacts_subscription
                           set status = 'CONFIRMED', confirmed_at = '2026-03-02T01:02:03.456789Z', confirm_ip = '::1',
                               confirm_user_agent = 'agent', unsubscribed_at = now(), bounced_at = now(),
                               integration = 'key-1', version = version + 7
                         where id = :id""")
                .param("id", full).update();

        @SuppressWarnings("unchecked")
        var repository = new EntityRowMapper<>((RelationalPersistentEntity<Subscription>) converter.getMappingContext()
                .getRequiredPersistentEntity(Subscription.class), converter);
        for (UUID id : List.of(bare, full)) {
            Subscription byHand = jdbc.sql("select * from contacts_subscription where id = :id").param("id", id)
                    .query((rs, row) -> SubscriptionLifecycle.subscriptionOf(rs)).single();
            Subscription mapped = jdbc.sql("select * from contacts_subscription where id = :id").param("id", id)
                    .query(repository).single();
            assertThat(byHand).isEqualTo(mapped);
            if (id.equals(full)) {
                assertThat(byHand.confirmIp()).isEqualTo("::1");
                assertThat(byHand.formVersion()).isEqualTo(3);
                assertThat(byHand.unsubscribedAt()).isNotNull();
                assertThat(byHand.version()).isGreaterThanOrEqualTo(7L);
            } else {
                assertThat(byHand.subscribeIp()).isNull();
                assertThat(byHand.formVersion()).isNull();
                assertThat(byHand.confirmedAt()).isNull();
            }
        }
    }

    private UUID pending(AccountId account, ConsentEvidence evidence, Source source) {
        Signup signup = new Signup("rows-" + UUID.randomUUID() + "@example.dk", null, Channel.EMAIL, "news",
                Map.of(), source, evidence);
        return ((SignupOutcome.Pending) subscribers.registerSignup(account, signup)).subscriptionId().value();
    }
}
