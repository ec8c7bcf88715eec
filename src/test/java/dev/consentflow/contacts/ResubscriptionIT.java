package dev.consentflow.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.consent.AuditTrail;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Purpose;
import dev.consentflow.dispatch.Recipient;
import dev.consentflow.dispatch.RecipientDirectory;
import dev.consentflow.support.Api;
import dev.consentflow.support.TestAccounts;
import dev.consentflow.web.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The contacts side of a resubscription, through the facades the resubscribe process uses: the request kept sealed
 * and checked against the tombstone, the confirmation address for dispatch, and the ends a confirmation can come to
 * when the person came back meanwhile or was erased again.
 */
@IntegrationTest
class ResubscriptionIT {

    @LocalServerPort
    int port;

    @Autowired
    ResubscriptionRequests resubscriptionRequests;

    @Autowired
    PendingResubscriptions pendingResubscriptions;

    @Autowired
    Erasures erasures;

    @Autowired
    Subscribers subscribers;

    @Autowired
    Subscriptions subscriptions;

    @Autowired
    RecipientDirectory directory;

    @Autowired
    JdbcClient jdbc;

    /** Reading the trail chains the entries that were committed and still wait (they are chained after commit). */
    @Autowired
    AuditTrail trail;

    Api admin;
    AccountId account;
    String email;

    @BeforeEach
    void anAccountWithTwoLists() {
        admin = TestAccounts.newAccount(Api.at(port));
        account = AccountId.of(TestAccounts.accountId(admin));
        admin.post("/api/lists", Map.of("key", "news", "name", "News"));
        admin.post("/api/lists", Map.of("key", "offers", "name", "Offers"));
        email = "Back." + UUID.randomUUID() + "@example.dk";
    }

    @Test
    void aPendingResubscriptionHoldsTheAddressSealedAndIsAnsweredOnceForItsListAndTombstone() {
        SubscriberId tombstone = erased(email);
        PendingResubscription first = resubscriptionRequests.requestResubscription(account, request(tombstone, email, "news"));
        PendingResubscription again = resubscriptionRequests.requestResubscription(account,
                request(tombstone, email.toLowerCase(), "news"));

        assertThat(first.newRequest()).isTrue();
        assertThat(first.channel()).isEqualTo(Channel.EMAIL);
        assertThat(first.tombstoneId()).isEqualTo(tombstone);
        assertThat(again.newRequest()).isFalse();
        assertThat(again.id()).isEqualTo(first.id());
        byte[] sealed = jdbc.sql("select request_sealed from contacts_resubscription where id = ?")
                .param(first.id().value()).query(byte[].class).single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContainIgnoringCase(email)
                .doesNotContain("203.0.113.7");
        assertThat(actions(tombstone)).containsOnlyOnce("RESUBSCRIBE_REQUESTED");

        assertThat(directory.resolve(account, tombstone.value(), first.id().value(), Channel.EMAIL,
                Purpose.CONFIRMATION)).contains(new Recipient(email));
        assertThat(directory.resolve(account, tombstone.value(), first.id().value(), Channel.EMAIL,
                Purpose.WELCOME)).isEmpty();
        assertThat(directory.resolve(account, tombstone.value(), first.id().value(), Channel.SMS,
                Purpose.CONFIRMATION)).isEmpty();
        assertThat(directory.resolve(account, UUID.randomUUID(), first.id().value(), Channel.EMAIL,
                Purpose.CONFIRMATION)).isEmpty();

        pendingResubscriptions.purgeExpiredResubscription(account, first.id());
        pendingResubscriptions.purgeExpiredResubscription(account, first.id());
        assertThat(directory.resolve(account, tombstone.value(), first.id().value(), Channel.EMAIL,
                Purpose.CONFIRMATION)).as("suppressed once purged").isEmpty();
        assertThat(actions(tombstone)).containsOnlyOnce("PENDING_PURGED");
        assertThat(pendingResubscriptions.confirmResubscription(account, first.id(), click()))
                .isEqualTo(ResubscribeOutcome.notPending());
    }

    @Test
    void aRequestThatIsNotTheErasedPersonsWritesNothing() {
        SubscriberId tombstone = erased(email);
        assertThatThrownBy(() -> resubscriptionRequests.requestResubscription(account, request(tombstone, null, "news")))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("email"));
        assertThatThrownBy(() -> resubscriptionRequests.requestResubscription(account, request(tombstone, email, "nope")))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("list"));
        assertThatThrownBy(() -> resubscriptionRequests.requestResubscription(account,
                request(tombstone, "someone-" + email, "news"))).isInstanceOf(AddressNotTheTombstones.class);
        assertThatThrownBy(() -> resubscriptionRequests.requestResubscription(new AccountId(UUID.randomUUID()),
                request(tombstone, email, "news"))).isInstanceOf(dev.consentflow.web.NotFoundException.class);
        assertThat(jdbc.sql("select count(*) from contacts_resubscription where tombstone_id = ?")
                .param(tombstone.value()).query(Long.class).single()).isZero();
    }

    @Test
    void aSecondListConfirmedAfterThePersonCameBackJoinsTheirNewCard() {
        SubscriberId tombstone = erased(email);
        PendingResubscription news = resubscriptionRequests.requestResubscription(account, request(tombstone, email, "news"));
        PendingResubscription offers = resubscriptionRequests.requestResubscription(account, request(tombstone, email, "offers"));

        ResubscribeOutcome back = pendingResubscriptions.confirmResubscription(account, news.id(), click());
        ResubscribeOutcome joined = pendingResubscriptions.confirmResubscription(account, offers.id(), click());

        assertThat(back.outcome()).isEqualTo(ConfirmOutcome.CONFIRMED);
        assertThat(back.subscriberId()).isNotEqualTo(tombstone);
        assertThat(joined.outcome()).isEqualTo(ConfirmOutcome.CONFIRMED);
        assertThat(joined.subscriberId()).isEqualTo(back.subscriberId());
        var card = admin.get("/api/contacts/" + back.subscriberId()).json();
        assertThat(card.get("subscriptions").findValuesAsText("list")).containsExactlyInAnyOrder("news", "offers");
        assertThat(card.get("subscriptions").findValuesAsText("status")).containsOnly("CONFIRMED");
        assertThat(card.get("source").asText()).isEqualTo("RESUBSCRIBED");
        assertThat(admin.get("/api/contacts?email=" + email).json()).hasSize(2);
        assertThat(pendingResubscriptions.confirmResubscription(account, news.id(), click())).isEqualTo(ResubscribeOutcome.notPending());
        assertThat(jdbc.sql("select count(*) from contacts_resubscription where tombstone_id = ?")
                .param(tombstone.value()).query(Long.class).single()).isZero();
    }

    @Test
    void aConfirmationAfterTheAddressWasErasedAgainBringsNobodyBack() {
        SubscriberId tombstone = erased(email);
        PendingResubscription news = resubscriptionRequests.requestResubscription(account, request(tombstone, email, "news"));
        PendingResubscription offers = resubscriptionRequests.requestResubscription(account, request(tombstone, email, "offers"));
        ResubscribeOutcome back = pendingResubscriptions.confirmResubscription(account, news.id(), click());
        erasures.erase(account, back.subscriberId());

        assertThat(pendingResubscriptions.confirmResubscription(account, offers.id(), click()))
                .isEqualTo(ResubscribeOutcome.notPending());
        assertThat(admin.get("/api/contacts?email=" + email).json()).hasSize(2)
                .allMatch(found -> "DELETED".equals(found.get("permission").asText()));
        assertThat(actions(tombstone)).contains("PENDING_PURGED");
    }

    private SubscriberId erased(String address) {
        SubscriptionId subscription = subscribers.subscribeConfirmed(account, new Signup(address, null, Channel.EMAIL,
                "news", Map.of("firstName", "Anna"), Source.API,
                ConsentEvidence.ofClick(Instant.now(), "203.0.113.7", null))).subscriptionId();
        SubscriberId tombstone = subscriptions.subscription(account, subscription).orElseThrow().subscriberId();
        erasures.erase(account, tombstone);
        return tombstone;
    }

    private static Resubscription request(SubscriberId tombstone, String address, String list) {
        return new Resubscription(tombstone, address, null, null, list,
                ConsentEvidence.ofClick(Instant.now(), "203.0.113.7", null));
    }

    private static ConsentEvidence click() {
        return ConsentEvidence.ofClick(Instant.now(), "198.51.100.7", "Mozilla/5.0");
    }

    private List<String> actions(SubscriberId subscriber) {
        trail.ofSubscriber(account, subscriber.value());
        return jdbc.sql("select action from consent_audit_entry where account_id = ? and subscriber_id = ? order by seq")
                .params(account.value(), subscriber.value()).query(String.class).list();
    }
}
