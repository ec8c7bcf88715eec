package dev.consentflow.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.consent.AuditTrail;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.support.Api;
import dev.consentflow.support.TestAccounts;
import dev.consentflow.web.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The contacts facades the double opt-in and other processes use: signups, confirmations, expiry, erased addresses. */
@IntegrationTest
class ContactFacadesIT {

    @LocalServerPort
    int port;

    @Autowired
    Subscribers subscribers;

    @Autowired
    Subscriptions subscriptions;

    @Autowired
    MailingLists lists;

    @Autowired
    PendingSubscriptions pendingSubscriptions;

    @Autowired
    Erasures erasures;

    @Autowired
    Permissions permissions;

    @Autowired
    Audiences audiences;

    @Autowired
    Unsubscriptions unsubscriptions;

    @Autowired
    ContactEvents events;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    /** Reading the trail chains the entries that were committed and still wait (they are chained after commit). */
    @Autowired
    AuditTrail trail;

    Api admin;
    AccountId account;
    String email;

    @BeforeEach
    void anAccountWithAList() {
        admin = TestAccounts.newAccount(Api.at(port));
        account = AccountId.of(TestAccounts.accountId(admin));
        admin.post("/api/lists", Map.of("key", "news", "name", "News"));
        admin.post("/api/lists", Map.of("key", "offers", "name", "Offers"));
        email = "signup-" + UUID.randomUUID() + "@example.dk";
    }

    @Test
    void aSignupIsPendingOnceAndRepeatingItChangesNothing() {
        var first = (SignupOutcome.Pending) subscribers.registerSignup(account, signup(email, "news"));
        var again = (SignupOutcome.Pending) subscribers.registerSignup(account, signup(email.toUpperCase(), "news"));

        assertThat(first.newRequest()).isTrue();
        assertThat(again.newRequest()).isFalse();
        assertThat(again.subscriptionId()).isEqualTo(first.subscriptionId());
        assertThat(subscriptions.subscription(account, first.subscriptionId()).orElseThrow().status())
                .isEqualTo(SubscriptionStatus.PENDING);
        assertThat(actions(first.subscriberId())).containsExactly("SUBSCRIBED");
        assertThat(lists.findList(account, "news")).isPresent();
        assertThat(lists.findList(account, "nope")).isEmpty();
    }

    @Test
    void aConfirmationCountsOnceHoweverOftenItIsClicked() {
        var pending = (SignupOutcome.Pending) subscribers.registerSignup(account, signup(email, "news"));
        var click = ConsentEvidence.ofClick(Instant.now(), "198.51.100.4", "Mozilla/5.0");

        assertThat(pendingSubscriptions.confirm(account, pending.subscriptionId(), click)).isEqualTo(ConfirmOutcome.CONFIRMED);
        assertThat(pendingSubscriptions.confirm(account, pending.subscriptionId(), click)).isEqualTo(ConfirmOutcome.ALREADY_CONFIRMED);
        assertThat(subscribers.registerSignup(account, signup(email, "news")))
                .isInstanceOf(SignupOutcome.AlreadyConfirmed.class);
        assertThat(actions(pending.subscriberId())).containsExactly("SUBSCRIBED", "CONFIRMED");
        var card = admin.get("/api/contacts/" + pending.subscriberId()).json();
        assertThat(card.get("permission").asText()).isEqualTo("CONFIRMED");
        assertThat(card.get("subscriptions").get(0).get("confirmIp").asText()).isEqualTo("198.51.100.4");
    }

    @Test
    void aConfirmationWritesTheClicksEvidenceClearsTheEarlierEndAndCountsTheVersionOnce() {
        var pending = (SignupOutcome.Pending) subscribers.registerSignup(account, signup(email, "news"));
        // As a row asked for again after an unsubscribe and a bounce carries them.
        jdbc.sql("update contacts_subscription set unsubscribed_at = now(), bounced_at = now() where id = :id")
                .param("id", pending.subscriptionId().value()).update();
        long version = jdbc.sql("select version from contacts_subscription where id = :id")
                .param("id", pending.subscriptionId().value()).query(Long.class).single();
        Instant at = Instant.parse("2026-03-01T10:15:30.123456Z");

        assertThat(pendingSubscriptions.confirm(account, pending.subscriptionId(),
                ConsentEvidence.ofClick(at, "198.51.100.9", "Mozilla/5.0 (confirm)"))).isEqualTo(ConfirmOutcome.CONFIRMED);

        Map<String, Object> row = jdbc.sql("""
                        select status, confirmed_at, confirm_ip, confirm_user_agent, unsubscribed_at, bounced_at,
                               updated_at, version
                          from contacts_subscription where id = :id""")
                .param("id", pending.subscriptionId().value()).query().singleRow();
        assertThat(row.get("status")).isEqualTo("CONFIRMED");
        assertThat(((java.sql.Timestamp) row.get("confirmed_at")).toInstant()).isEqualTo(at);
        assertThat(row.get("confirm_ip")).isEqualTo("198.51.100.9");
        assertThat(row.get("confirm_user_agent")).isEqualTo("Mozilla/5.0 (confirm)");
        assertThat(row.get("unsubscribed_at")).isNull();
        assertThat(row.get("bounced_at")).isNull();
        assertThat(row.get("updated_at")).isNotNull();
        assertThat(((Number) row.get("version")).longValue()).isEqualTo(version + 1);
    }

    @Test
    void aSubscriptionLockedForItsClickIsHeldUntilTheClickCommitsAndConfirmedOnceWithTheRowItLocked() throws Exception {
        var pending = (SignupOutcome.Pending) subscribers.registerSignup(account, signup(email, "news"));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            List<Future<ConfirmOutcome>> parallel = new ArrayList<>();
            ConfirmOutcome clicked = new TransactionTemplate(transactions).execute(status -> {
                SubscriptionRef locked = pendingSubscriptions.lockForConfirmation(account, pending.subscriptionId())
                        .orElseThrow();
                assertThat(locked.list().key()).isEqualTo("news");
                assertThat(locked.status()).isEqualTo(SubscriptionStatus.PENDING);
                assertThat(locked.subscriberId()).isEqualTo(pending.subscriberId());
                parallel.add(other.submit(() -> pendingSubscriptions.confirm(account, pending.subscriptionId(),
                        ConsentEvidence.ofClick(Instant.now(), "198.51.100.9", null))));
                await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                        .until(() -> !parallel.get(0).isDone());
                return pendingSubscriptions.confirm(account, pending.subscriptionId(),
                        ConsentEvidence.ofClick(Instant.now(), "198.51.100.5", "Mozilla/5.0"));
            });
            assertThat(clicked).isEqualTo(ConfirmOutcome.CONFIRMED);
            assertThat(parallel.get(0).get()).as("waited for the click, then found it confirmed")
                    .isEqualTo(ConfirmOutcome.ALREADY_CONFIRMED);
        } finally {
            other.shutdown();
        }
        assertThat(pendingSubscriptions.lockForConfirmation(account, new SubscriptionId(UUID.randomUUID()))).isEmpty();
        assertThat(actions(pending.subscriberId())).containsExactly("SUBSCRIBED", "CONFIRMED");
        var card = admin.get("/api/contacts/" + pending.subscriberId()).json();
        assertThat(card.get("subscriptions").get(0).get("confirmIp").asText()).isEqualTo("198.51.100.5");
    }

    @Test
    void aPendingSubscriptionWhoseCardIsErasedIsNeitherLockedForAClickNorConfirmed() {
        var pending = (SignupOutcome.Pending) subscribers.registerSignup(account, signup(email, "news"));
        // A card erased with its subscription left PENDING (today's erasure ends it in the same statement).
        jdbc.sql("update contacts_contact set erased_at = now() where id = ?").param(pending.subscriberId().value())
                .update();

        ConfirmOutcome clicked = new TransactionTemplate(transactions).execute(status -> {
            assertThat(pendingSubscriptions.lockForConfirmation(account, pending.subscriptionId())).isEmpty();
            return pendingSubscriptions.confirm(account, pending.subscriptionId(),
                    ConsentEvidence.ofClick(Instant.now(), "198.51.100.6", null));
        });

        assertThat(clicked).isEqualTo(ConfirmOutcome.NOT_PENDING);
        assertThat(jdbc.sql("select status from contacts_subscription where id = ?")
                .param(pending.subscriptionId().value()).query(String.class).single()).isEqualTo("PENDING");
        assertThat(actions(pending.subscriberId())).containsExactly("SUBSCRIBED");
    }

    @Test
    void parallelConfirmationsMakeOneStateChangeAndOneAuditEntry() throws Exception {
        var pending = (SignupOutcome.Pending) subscribers.registerSignup(account, signup(email, "news"));
        List<ConfirmOutcome> outcomes = inParallel(20, () -> pendingSubscriptions.confirm(account, pending.subscriptionId(),
                ConsentEvidence.ofClick(Instant.now(), "198.51.100.4", null)));

        assertThat(outcomes).containsOnlyOnce(ConfirmOutcome.CONFIRMED);
        assertThat(outcomes).filteredOn(o -> o == ConfirmOutcome.ALREADY_CONFIRMED).hasSize(19);
        assertThat(actions(pending.subscriberId())).containsExactly("SUBSCRIBED", "CONFIRMED");
    }

    @Test
    void parallelSignupsOfOnePersonInAnyCaseMakeOneCardAndOneSubscription() throws Exception {
        List<SignupOutcome> outcomes = inParallel(20, () -> subscribers.registerSignup(account,
                signup(Math.random() < 0.5 ? email : email.toUpperCase(), "news")));

        Set<SubscriberId> cards = new HashSet<>();
        outcomes.forEach(o -> cards.add(((SignupOutcome.Pending) o).subscriberId()));
        assertThat(cards).hasSize(1);
        assertThat(outcomes).filteredOn(o -> ((SignupOutcome.Pending) o).newRequest()).hasSize(1);
        assertThat(admin.get("/api/contacts?email=" + email).json()).hasSize(1);
    }

    @Test
    void anExpiredSignupIsRemovedWithItsCardWhenNothingElseHoldsIt() {
        var pending = (SignupOutcome.Pending) subscribers.registerSignup(account, signup(email, "news"));
        pendingSubscriptions.purgeExpired(account, pending.subscriptionId());

        assertThat(subscriptions.subscription(account, pending.subscriptionId())).isEmpty();
        assertThat(admin.get("/api/contacts?email=" + email).json()).isEmpty();
        assertThat(pendingSubscriptions.confirm(account, pending.subscriptionId(), null)).isEqualTo(ConfirmOutcome.NOT_PENDING);
        assertThat(actions(pending.subscriberId())).containsExactly("SUBSCRIBED", "PENDING_PURGED");
        assertThat(jdbc.sql("select count(*) from contacts_contact where id = ?").param(pending.subscriberId().value())
                .query(Long.class).single()).isZero();
    }

    @Test
    void anExpiredSignupLeavesACardThatHasOtherLists() {
        subscribers.subscribeConfirmed(account, signup(email, "offers"));
        var pending = (SignupOutcome.Pending) subscribers.registerSignup(account, signup(email, "news"));
        pendingSubscriptions.purgeExpired(account, pending.subscriptionId());

        var card = admin.get("/api/contacts/" + pending.subscriberId()).json();
        assertThat(card.get("subscriptions").findValuesAsText("list")).containsExactly("offers");
    }

    @Test
    void aConfirmedSubscriptionIsNotPurged() {
        var pending = (SignupOutcome.Pending) subscribers.registerSignup(account, signup(email, "news"));
        pendingSubscriptions.confirm(account, pending.subscriptionId(), null);
        pendingSubscriptions.purgeExpired(account, pending.subscriptionId());
        assertThat(subscriptions.subscription(account, pending.subscriptionId()).orElseThrow().status())
                .isEqualTo(SubscriptionStatus.CONFIRMED);
    }

    @Test
    void anErasedAddressWritesNothingOnSignupAndRefusesAPreConfirmedSubscription() {
        SubscriptionId confirmed = subscribers.subscribeConfirmed(account, signup(email, "news")).subscriptionId();
        SubscriberId tombstone = subscriptions.subscription(account, confirmed).orElseThrow().subscriberId();
        assertThat(erasures.erase(account, tombstone)).isTrue();
        long before = jdbc.sql("select count(*) from contacts_subscription").query(Long.class).single();

        assertThat(subscribers.registerSignup(account, signup(email, "offers")))
                .isEqualTo(new SignupOutcome.Erased(tombstone));
        assertThatThrownBy(() -> subscribers.subscribeConfirmed(account, signup(email, "offers")))
                .isInstanceOf(ContactAlreadyErased.class);
        var answer = admin.post("/api/subscriptions", Map.of("email", email, "list", "offers", "confirmed", true,
                "ip", "203.0.113.7", "at", "2025-11-29T10:00:00Z"));
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.body()).doesNotContain(email);
        assertThat(jdbc.sql("select count(*) from contacts_subscription").query(Long.class).single()).isEqualTo(before);

        var found = admin.get("/api/contacts?email=" + email).json();
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("permission").asText()).isEqualTo("DELETED");
        assertThat(found.get(0).get("email").isNull()).isTrue();
        assertThat(found.get(0).get("erasedAt").isNull()).isFalse();
    }

    @Test
    void anErasureLeavesTheTombstoneOnceWithTheEvidenceDatesAndIpsOnly() {
        String mobile = "+4521" + (100000 + (int) (Math.random() * 899999));
        Signup withMobile = new Signup(email, mobile, Channel.EMAIL, "news", Map.of("firstName", "Anna"),
                Source.WEBFORM, new ConsentEvidence(Instant.now(), "203.0.113.7", "Mozilla/5.0", "news-signup", 1,
                        "Yes, send me the newsletter"));
        SubscriptionId confirmed = subscribers.subscribeConfirmed(account, withMobile).subscriptionId();
        var pending = (SignupOutcome.Pending) subscribers.registerSignup(account, signup(email, "offers"));
        SubscriberId person = subscriptions.subscription(account, confirmed).orElseThrow().subscriberId();
        events.record(account, person, new BehaviourEvent(EventType.GEO, Instant.now(), null, Map.of("city", "Aarhus")));
        assertThat(permissions.permission(account, person)).contains(Permission.CONFIRMED);

        assertThat(erasures.erase(new AccountId(UUID.randomUUID()), person)).as("another account's card").isFalse();
        assertThat(erasures.erase(account, person)).isTrue();
        assertThat(erasures.erase(account, person)).as("once").isFalse();

        assertThat(permissions.permission(account, person)).contains(Permission.DELETED);
        assertThat(permissions.permission(account, new SubscriberId(UUID.randomUUID()))).isEmpty();
        assertThat(jdbc.sql("""
                select wrapped_key is null and email_sealed is null and mobile_sealed is null
                       and mobile_index is not null and email_index is not null and erased_at is not null
                  from contacts_contact where id = ?""").param(person.value()).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select count(*) from contacts_field where contact_id = ?").param(person.value())
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from contacts_event where contact_id = ?").param(person.value())
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("""
                select count(*) from contacts_subscription
                 where contact_id = ? and status = 'UNSUBSCRIBED' and unsubscribed_at is not null
                   and subscribe_user_agent is null and confirm_user_agent is null and consent_text is null
                   and form_key is null and form_version is null and integration is null
                   and subscribed_at is not null and subscribe_ip = '203.0.113.7'""").param(person.value())
                .query(Long.class).single()).isEqualTo(2);
        assertThat(subscriptions.subscription(account, confirmed).orElseThrow().status())
                .isEqualTo(SubscriptionStatus.UNSUBSCRIBED);
        assertThat(pendingSubscriptions.confirm(account, pending.subscriptionId(), ConsentEvidence.ofClick(Instant.now(), null,
                null))).isEqualTo(ConfirmOutcome.NOT_PENDING);
        var card = admin.get("/api/contacts?email=" + email).json().get(0);
        assertThat(card.get("subscriptions")).hasSize(2)
                .allSatisfy(s -> assertThat(s.get("confirmIp").isNull() || "203.0.113.7".equals(s.get("confirmIp").asText()))
                        .isTrue());
        assertThat(admin.get("/api/contacts?mobile=" + mobile.replace("+", "%2B")).json().get(0).get("subscriberId")
                .asText()).as("findable by each of its addresses").isEqualTo(person.value().toString());
    }

    @Test
    void anSmsOnlyTombstoneKeepsItsMobileIndexToStayFindableAndBlocked() {
        String mobile = "+4522" + (100000 + (int) (Math.random() * 899999));
        var sms = new Signup(null, mobile, Channel.SMS, "news", Map.of(), Source.API,
                ConsentEvidence.ofClick(Instant.now(), "203.0.113.9", null));
        SubscriberId person = subscribers.subscribeConfirmed(account, sms)
                .subscriberId();

        assertThat(erasures.erase(account, person)).isTrue();

        assertThat(subscribers.registerSignup(account, sms)).isEqualTo(new SignupOutcome.Erased(person));
        assertThat(admin.get("/api/contacts?mobile=" + mobile.replace("+", "%2B")).json().get(0)
                .get("permission").asText()).isEqualTo("DELETED");
    }

    @Test
    void anSmsSignupIsFoundByItsMobileNumber() {
        String mobile = "+4520" + (100000 + (int) (Math.random() * 899999));
        var signup = new Signup(null, mobile, Channel.SMS, "news", Map.of(), Source.WEBFORM,
                ConsentEvidence.ofClick(Instant.now(), "203.0.113.9", null));
        var first = (SignupOutcome.Pending) subscribers.registerSignup(account, signup);
        var again = (SignupOutcome.Pending) subscribers.registerSignup(account, signup);
        assertThat(again.subscriberId()).isEqualTo(first.subscriberId());
        assertThat(admin.get("/api/contacts?mobile=" + mobile.replace("+", "%2B")).json()
                .get(0).get("subscriptions").get(0).get("channel").asText()).isEqualTo("SMS");
    }

    @Test
    void aListsConfirmedAudienceIsReadInPagesAndOpenedOnlyForThoseStillMailable() {
        ListInfo news = lists.findList(account, "news").orElseThrow();
        List<SubscriptionId> confirmed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            confirmed.add(subscribers.subscribeConfirmed(account, signup("audience-" + i + "-" + email, "news")).subscriptionId());
        }
        subscribers.registerSignup(account, signup("pending-" + email, "news"));
        subscribers.subscribeConfirmed(account, signup("other-list-" + email, "offers"));

        List<SubscriptionId> paged = new ArrayList<>();
        SubscriptionId after = null;
        for (List<SubscriptionId> page = audiences.confirmedSubscriptions(account, news, null, 2); !page.isEmpty();
             page = audiences.confirmedSubscriptions(account, news, after, 2)) {
            assertThat(page).hasSizeLessThanOrEqualTo(2);
            paged.addAll(page);
            after = page.get(page.size() - 1);
        }
        assertThat(paged).as("every confirmed subscription once, nobody else").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(confirmed);

        Instant beforeLeaving = Instant.now().minusSeconds(1);
        unsubscriptions.unsubscribe(account, new Unsubscribe(confirmed.get(0), UnsubscribeScope.LIST,
                UnsubscribeChannel.API, Instant.now(), null, null));
        erasures.erase(account, subscriptions.subscription(account, confirmed.get(1)).orElseThrow().subscriberId());

        List<ListRecipient> recipients = audiences.confirmedRecipients(account, confirmed);
        assertThat(recipients).extracting(ListRecipient::subscriptionId)
                .containsExactlyInAnyOrderElementsOf(confirmed.subList(2, 5));
        assertThat(recipients).allSatisfy(r -> {
            assertThat(r.email()).startsWith("audience-").endsWith("@example.dk");
            assertThat(r.fields()).containsEntry("firstName", "Anna");
        });
        AccountId stranger = AccountId.of(TestAccounts.accountId(TestAccounts.newAccount(Api.at(port))));
        assertThat(audiences.confirmedRecipients(stranger, confirmed)).as("another account's").isEmpty();
        assertThat(audiences.unsubscribedSince(account, news, beforeLeaving)).containsExactly(confirmed.get(0));
        assertThat(audiences.unsubscribedSince(account, news, Instant.now().plusSeconds(60))).isEmpty();
    }

    @Test
    void aSignupThatIsNotValidWritesNothing() {
        assertThatThrownBy(() -> subscribers.registerSignup(account, signup("not an address", "news")))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("email"));
        assertThatThrownBy(() -> subscribers.registerSignup(account, signup(email, "unknown-list")))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("list"));
        assertThat(admin.get("/api/contacts?email=" + email).json()).isEmpty();
    }

    @Test
    void behaviourEventsAreRecordedWithTheirDetailsOnTheCard() {
        SubscriberId person = subscribers.subscribeConfirmed(account, signup(email, "news")).subscriberId();
        assertThat(events.record(account, person, new BehaviourEvent(EventType.GEO, Instant.now(), "c-1",
                Map.of("city", "Odense")))).isTrue();
        assertThat(events.record(new AccountId(UUID.randomUUID()), person,
                new BehaviourEvent(EventType.OPEN, Instant.now(), "c-1", Map.of()))).isFalse();

        var card = admin.get("/api/contacts/" + person).json();
        assertThat(card.get("events").get(0).get("type").asText()).isEqualTo("GEO");
        assertThat(card.get("events").get(0).get("campaign").asText()).isEqualTo("c-1");
        assertThat(card.get("events").get(0).get("details").get("city").asText()).isEqualTo("Odense");
    }

    @Test
    void unsubscribingOneListLeavesTheOtherListsAndTheDataAndIsRecordedOnceWithItsEvidence() {
        SubscriptionId news = subscribers.subscribeConfirmed(account, signup(email, "news")).subscriptionId();
        subscribers.subscribeConfirmed(account, signup(email, "offers"));
        SubscriberId person = subscriptions.subscription(account, news).orElseThrow().subscriberId();
        Unsubscribe oneClick = new Unsubscribe(news, UnsubscribeScope.LIST, UnsubscribeChannel.ONE_CLICK,
                Instant.parse("2026-01-02T03:04:05Z"), "198.51.100.30", "instance-1");

        Unsubscribed first = unsubscriptions.unsubscribe(account, oneClick).orElseThrow();
        Unsubscribed again = unsubscriptions.unsubscribe(account, oneClick).orElseThrow();

        assertThat(first.lists()).extracting(ListInfo::key).containsExactly("news");
        assertThat(first.permission()).isEqualTo(Permission.CONFIRMED);
        assertThat(again.changed()).isFalse();
        assertThat(actions(person)).containsExactly("SUBSCRIBED", "CONFIRMED", "SUBSCRIBED", "CONFIRMED", "UNSUBSCRIBED");
        var entry = jdbc.sql("select actor, detail::text as detail, process_instance_id from consent_audit_entry "
                        + "where account_id = ? and subscriber_id = ? and action = 'UNSUBSCRIBED'")
                .params(account.value(), person.value()).query().singleRow();
        assertThat(entry.get("actor")).isEqualTo("person");
        assertThat(entry.get("process_instance_id")).isEqualTo("instance-1");
        assertThat(entry.get("detail").toString()).contains("\"via\": \"ONE_CLICK\"", "\"ip\": \"198.51.100.30\"",
                "\"scope\": \"LIST\"", "\"list\": \"news\"", "\"status\": \"UNSUBSCRIBED\"", "2026-01-02T03:04:05Z")
                .doesNotContain(email, "Anna");

        var card = admin.get("/api/contacts/" + person).json();
        assertThat(card.get("permission").asText()).isEqualTo("CONFIRMED");
        assertThat(card.get("email").asText()).isEqualTo(email);
        assertThat(card.get("fields").get("firstName").asText()).isEqualTo("Anna");
        assertThat(statuses(card)).containsEntry("news", "UNSUBSCRIBED").containsEntry("offers", "CONFIRMED");
        assertThat(card.get("subscriptions").findValuesAsText("confirmIp")).containsOnly("203.0.113.7");
    }

    @Test
    void whenNoListIsLeftThePermissionIsUnsubscribedAndTheCardStays() {
        SubscriptionId news = subscribers.subscribeConfirmed(account, signup(email, "news")).subscriptionId();
        Unsubscribed outcome = unsubscriptions.unsubscribe(account, new Unsubscribe(news, UnsubscribeScope.LIST,
                UnsubscribeChannel.API, null, "203.0.113.31", null)).orElseThrow();

        assertThat(outcome.permission()).isEqualTo(Permission.UNSUBSCRIBED);
        var card = admin.get("/api/contacts/" + outcome.subscriberId()).json();
        assertThat(card.get("permission").asText()).isEqualTo("UNSUBSCRIBED");
        assertThat(card.get("email").asText()).isEqualTo(email);
        assertThat(card.get("erasedAt").isNull()).isTrue();
        assertThat(unsubscriptions.unsubscribe(account, new Unsubscribe(new SubscriptionId(UUID.randomUUID()),
                UnsubscribeScope.LIST, UnsubscribeChannel.API, null, null, null))).isEmpty();
    }

    @Test
    void theWholeBrandEndsEveryListOfThatBrandAndNoOther() {
        admin.post("/api/lists", Map.of("key", "acme-news", "name", "Acme News", "brand", "acme"));
        admin.post("/api/lists", Map.of("key", "acme-offers", "name", "Acme Offers", "brand", "acme"));
        admin.post("/api/lists", Map.of("key", "globex", "name", "Globex", "brand", "globex"));
        SubscriptionId acmeNews = subscribers.subscribeConfirmed(account, signup(email, "acme-news")).subscriptionId();
        subscribers.registerSignup(account, signup(email, "acme-offers"));
        subscribers.subscribeConfirmed(account, signup(email, "globex"));

        assertThat(unsubscriptions.brandSubscriptions(account, acmeNews)).extracting(r -> r.list().key())
                .containsExactly("acme-news", "acme-offers");
        Unsubscribed outcome = unsubscriptions.unsubscribe(account, new Unsubscribe(acmeNews, UnsubscribeScope.BRAND,
                UnsubscribeChannel.PAGE, null, "198.51.100.32", null)).orElseThrow();

        assertThat(outcome.lists()).extracting(ListInfo::key).containsExactly("acme-news", "acme-offers");
        assertThat(outcome.permission()).isEqualTo(Permission.CONFIRMED);
        assertThat(statuses(admin.get("/api/contacts/" + outcome.subscriberId()).json()))
                .containsEntry("acme-news", "UNSUBSCRIBED").containsEntry("acme-offers", "UNSUBSCRIBED")
                .containsEntry("globex", "CONFIRMED");
        assertThat(subscriptions.subscription(account, outcome.subscriberId(), "globex").orElseThrow().status())
                .isEqualTo(SubscriptionStatus.CONFIRMED);
        assertThat(subscriptions.subscription(account, outcome.subscriberId(), "nope")).isEmpty();
    }

    @Test
    void parallelUnsubscribesOfOnePersonMakeOneChangeAndOneAuditEntryPerList() throws Exception {
        SubscriptionId news = subscribers.subscribeConfirmed(account, signup(email, "news")).subscriptionId();
        subscribers.subscribeConfirmed(account, signup(email, "offers"));
        List<Unsubscribed> outcomes = inParallel(20, () -> unsubscriptions.unsubscribe(account, new Unsubscribe(news,
                Math.random() < 0.5 ? UnsubscribeScope.BRAND : UnsubscribeScope.LIST, UnsubscribeChannel.ONE_CLICK,
                null, "198.51.100.33", null)).orElseThrow());

        long changes = outcomes.stream().mapToLong(o -> o.lists().size()).sum();
        SubscriberId person = outcomes.get(0).subscriberId();
        long audited = actions(person).stream().filter("UNSUBSCRIBED"::equals).count();
        assertThat(audited).isEqualTo(changes).isBetween(1L, 2L);
        assertThat(outcomes.stream().filter(o -> o.lists().stream().anyMatch(l -> l.key().equals("news"))))
                .hasSize(1);
    }

    @Test
    void anErasedPersonHasNothingToUnsubscribeAndNoLinkShowsThem() {
        SubscriptionId news = subscribers.subscribeConfirmed(account, signup(email, "news")).subscriptionId();
        SubscriberId tombstone = subscriptions.subscription(account, news).orElseThrow().subscriberId();
        erasures.erase(account, tombstone);

        Unsubscribed outcome = unsubscriptions.unsubscribe(account, new Unsubscribe(news, UnsubscribeScope.BRAND,
                UnsubscribeChannel.ONE_CLICK, null, "198.51.100.34", null)).orElseThrow();

        assertThat(outcome.changed()).isFalse();
        assertThat(outcome.permission()).isEqualTo(Permission.DELETED);
        assertThat(unsubscriptions.brandSubscriptions(account, news)).isEmpty();
        assertThat(unsubscriptions.brandSubscriptions(new AccountId(UUID.randomUUID()), news)).isEmpty();
        assertThat(actions(tombstone)).doesNotContain("UNSUBSCRIBED");
    }

    private static Map<String, String> statuses(com.fasterxml.jackson.databind.JsonNode card) {
        Map<String, String> statuses = new java.util.HashMap<>();
        card.get("subscriptions").forEach(s -> statuses.put(s.get("list").asText(), s.get("status").asText()));
        return statuses;
    }

    private Signup signup(String address, String list) {
        return new Signup(address, null, Channel.EMAIL, list, Map.of("firstName", "Anna"), Source.WEBFORM,
                new ConsentEvidence(Instant.now(), "203.0.113.7", "Mozilla/5.0", "news-signup", 1,
                        "Yes, send me the newsletter"));
    }

    private List<String> actions(SubscriberId subscriber) {
        trail.ofSubscriber(account, subscriber.value());
        return jdbc.sql("select action from consent_audit_entry where account_id = ? and subscriber_id = ? order by seq")
                .params(account.value(), subscriber.value()).query(String.class).list();
    }

    private static <T> List<T> inParallel(int times, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(times);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        pool.shutdown();
        return results;
    }
}
