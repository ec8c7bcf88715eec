package dev.consentflow.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.IntegrationTest;
import dev.consentflow.consent.AuditTrail;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Purpose;
import dev.consentflow.dispatch.Recipient;
import dev.consentflow.dispatch.RecipientDirectory;
import dev.consentflow.support.Api;
import dev.consentflow.support.TestAccounts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What dispatch learns just before each send: the address, or that the message must be suppressed. */
@IntegrationTest
class RecipientDirectoryIT {

    @LocalServerPort
    int port;

    @Autowired
    Subscribers subscribers;

    @Autowired
    Subscriptions subscriptions;

    @Autowired
    Erasures erasures;

    @Autowired
    RecipientDirectory directory;

    @Autowired
    JdbcClient jdbc;

    /** Reading the trail chains the entries that were committed and still wait (they are chained after commit). */
    @Autowired
    AuditTrail trail;

    AccountId account;
    String email;
    String mobile;

    @BeforeEach
    void anAccountWithAList() {
        Api admin = TestAccounts.newAccount(Api.at(port));
        account = AccountId.of(TestAccounts.accountId(admin));
        admin.post("/api/lists", Map.of("key", "news", "name", "News"));
        email = "Recipient-" + UUID.randomUUID() + "@example.dk";
        mobile = "+4530" + (100000 + (int) (Math.random() * 899999));
    }

    @Test
    void aConfirmedSubscriberGetsListMailAtTheAddressTheyGave() {
        var ref = confirmed();
        assertThat(resolve(ref, Channel.EMAIL, Purpose.CAMPAIGN)).contains(new Recipient(email));
        assertThat(resolve(ref, Channel.EMAIL, Purpose.WELCOME)).isPresent();
        assertThat(resolve(ref, Channel.EMAIL, Purpose.CONFIRMATION)).isEmpty();
    }

    @Test
    void aPendingSubscriberGetsOnlyTheConfirmation() {
        var pending = (SignupOutcome.Pending) subscribers.registerSignup(account, signup());
        var ref = subscriptions.subscription(account, pending.subscriptionId()).orElseThrow();
        assertThat(resolve(ref, Channel.EMAIL, Purpose.CONFIRMATION)).contains(new Recipient(email));
        assertThat(resolve(ref, Channel.EMAIL, Purpose.CONFIRMATION_REMINDER)).isPresent();
        assertThat(resolve(ref, Channel.EMAIL, Purpose.CAMPAIGN)).isEmpty();
    }

    @Test
    void anotherChannelAnotherAccountOrAnotherPersonIsSuppressed() {
        var ref = confirmed();
        assertThat(resolve(ref, Channel.SMS, Purpose.CAMPAIGN)).isEmpty();
        assertThat(directory.resolve(new AccountId(UUID.randomUUID()), ref.subscriberId().value(),
                ref.subscriptionId().value(), Channel.EMAIL, Purpose.CAMPAIGN)).isEmpty();
        assertThat(directory.resolve(account, UUID.randomUUID(), ref.subscriptionId().value(), Channel.EMAIL,
                Purpose.CAMPAIGN)).isEmpty();
        assertThat(directory.resolve(account, ref.subscriberId().value(), null, Channel.EMAIL, Purpose.CAMPAIGN))
                .isEmpty();
    }

    @Test
    void aHardBounceMakesTheSubscriptionBouncedOnceAndSuppressesIt() {
        var ref = confirmed();
        directory.bounced(account, ref.subscriberId().value(), ref.subscriptionId().value(),
                "550 5.1.1 <" + email + ">: user unknown");
        directory.bounced(account, ref.subscriberId().value(), ref.subscriptionId().value(), "550 5.1.1");

        assertThat(subscriptions.subscription(account, ref.subscriptionId()).orElseThrow().status())
                .isEqualTo(SubscriptionStatus.BOUNCED);
        assertThat(resolve(ref, Channel.EMAIL, Purpose.CAMPAIGN)).isEmpty();
        trail.ofSubscriber(account, ref.subscriberId().value());
        var bounces = jdbc.sql("select detail::text from consent_audit_entry where subscriber_id = ? and action = 'BOUNCED'")
                .param(ref.subscriberId().value()).query(String.class).list();
        assertThat(bounces).hasSize(1);
        assertThat(bounces.get(0)).contains("550 5.1.1").doesNotContainIgnoringCase(email);
    }

    @Test
    void anErasedPersonIsSuppressed() {
        var ref = confirmed();
        erasures.erase(account, ref.subscriberId());
        jdbc.sql("update contacts_subscription set status = 'CONFIRMED' where id = ?").param(ref.subscriptionId().value())
                .update();
        assertThat(resolve(ref, Channel.EMAIL, Purpose.CAMPAIGN)).isEmpty();
    }

    @Test
    void anSmsSubscriberGetsTheirNumber() {
        var sms = new Signup(null, mobile, Channel.SMS, "news", Map.of(), Source.API,
                ConsentEvidence.ofClick(Instant.now(), "203.0.113.7", null));
        var ref = subscribers.subscribeConfirmed(account, sms);
        assertThat(resolve(ref, Channel.SMS, Purpose.AUTOMATION)).contains(new Recipient(mobile));
        assertThat(resolve(ref, Channel.EMAIL, Purpose.AUTOMATION)).isEmpty();
    }

    @Test
    void manyMessagesAtOnceGetTheAnswersEachWouldGetOnItsOwn() {
        var live = confirmed();
        email = "Other-" + UUID.randomUUID() + "@example.dk";
        var erased = confirmed();
        erasures.erase(account, erased.subscriberId());
        var sms = subscribers.subscribeConfirmed(account, new Signup(null, mobile, Channel.SMS, "news", Map.of(),
                Source.API, ConsentEvidence.ofClick(Instant.now(), "203.0.113.7", null)));
        List<RecipientDirectory.Lookup> lookups = List.of(
                lookup(live, Channel.EMAIL, Purpose.CAMPAIGN),
                lookup(live, Channel.EMAIL, Purpose.CONFIRMATION),
                lookup(live, Channel.SMS, Purpose.CAMPAIGN),
                new RecipientDirectory.Lookup(UUID.randomUUID(), live.subscriptionId().value(), Channel.EMAIL,
                        Purpose.CAMPAIGN),
                new RecipientDirectory.Lookup(live.subscriberId().value(), null, Channel.EMAIL, Purpose.CAMPAIGN),
                lookup(erased, Channel.EMAIL, Purpose.CAMPAIGN),
                lookup(sms, Channel.SMS, Purpose.AUTOMATION));

        Map<RecipientDirectory.Lookup, Optional<Recipient>> answers = directory.resolveAll(account, lookups);

        assertThat(answers).hasSize(lookups.size());
        for (RecipientDirectory.Lookup lookup : lookups) {
            assertThat(answers.get(lookup)).as(lookup.toString()).isEqualTo(directory.resolve(account,
                    lookup.subscriberId(), lookup.subscriptionId(), lookup.channel(), lookup.purpose()));
        }
        assertThat(answers.get(lookups.get(0))).map(Recipient::address).isPresent();
        assertThat(answers.get(lookups.get(6))).contains(new Recipient(mobile));
        assertThat(answers.values().stream().filter(Optional::isPresent)).hasSize(2);
    }

    private static RecipientDirectory.Lookup lookup(SubscriptionRef ref, Channel channel, Purpose purpose) {
        return new RecipientDirectory.Lookup(ref.subscriberId().value(), ref.subscriptionId().value(), channel,
                purpose);
    }

    private SubscriptionRef confirmed() {
        return subscribers.subscribeConfirmed(account, signup());
    }

    private Optional<Recipient> resolve(SubscriptionRef ref, Channel channel, Purpose purpose) {
        return directory.resolve(account, ref.subscriberId().value(), ref.subscriptionId().value(), channel, purpose);
    }

    private Signup signup() {
        return new Signup(email, null, Channel.EMAIL, "news", Map.of(), Source.API,
                ConsentEvidence.ofClick(Instant.now(), "203.0.113.7", null));
    }
}
