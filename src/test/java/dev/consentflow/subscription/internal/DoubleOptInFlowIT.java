package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditEntry;
import dev.consentflow.consent.AuditLog;
import dev.consentflow.contacts.ConfirmOutcome;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.contacts.PendingResubscription;
import dev.consentflow.contacts.PendingResubscriptions;
import dev.consentflow.contacts.PendingSubscriptions;
import dev.consentflow.contacts.Resubscription;
import dev.consentflow.contacts.ResubscriptionId;
import dev.consentflow.contacts.ResubscriptionRequests;
import dev.consentflow.contacts.Signup;
import dev.consentflow.contacts.SignupOutcome;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.Subscribers;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.contacts.SubscriptionRef;
import dev.consentflow.contacts.SubscriptionStatus;
import dev.consentflow.contacts.Subscriptions;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.dispatch.OutboundMessage;
import dev.consentflow.dispatch.Purpose;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.ManagementService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The double opt-in on the whole server (HTTP, the engine with its job executor, PostgreSQL), with contacts' facades,
 * dispatch and the audit log replaced by mocks: what this module does with them, and the row locking of
 * clicks. The journey with the real modules is {@code e2e/SignupJourneyIT}.
 */
@IntegrationTest
@Import(DoubleOptInFlowIT.ContactFakes.class)
@TestPropertySource(properties = {"consentflow.web.trusted-proxies=127.0.0.1", "consentflow.signup.rate-per-address=50"})
class DoubleOptInFlowIT {

    private static final Pattern LINK = Pattern.compile("/c/([A-Za-z0-9_-]{43})");
    private static final ListInfo NEWS = new ListInfo(UUID.randomUUID(), "news", "Acme News", "acme");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ManagementService management;

    @Autowired
    HistoryService history;

    @Autowired
    MailingLists lists;

    @Autowired
    Subscribers subscribers;

    @Autowired
    Subscriptions subscriptions;

    @Autowired
    PendingSubscriptions pending;

    @Autowired
    ResubscriptionRequests resubscriptions;

    @Autowired
    PendingResubscriptions resubscriptionEnds;

    @MockitoBean
    Dispatch dispatch;

    @MockitoBean
    AuditLog audit;

    Api anonymous;
    final Queue<OutboundMessage> outbox = new ConcurrentLinkedQueue<>();
    final Set<String> known = ConcurrentHashMap.newKeySet();

    /**
     * The contacts facades this module uses, as mocks that take precedence over the real beans (which stay, for
     * contacts' own classes); imported, since a nested configuration is not found when the test names its classes;
     * reset before each test.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class ContactFakes {

        @Bean
        @Primary
        MailingLists fakeLists() {
            return mock(MailingLists.class);
        }

        @Bean
        @Primary
        Subscribers fakeSubscribers() {
            return mock(Subscribers.class);
        }

        @Bean
        @Primary
        Subscriptions fakeSubscriptions() {
            return mock(Subscriptions.class);
        }

        @Bean
        @Primary
        PendingSubscriptions fakePendingSubscriptions() {
            return mock(PendingSubscriptions.class);
        }

        @Bean
        @Primary
        ResubscriptionRequests fakeResubscriptionRequests() {
            return mock(ResubscriptionRequests.class);
        }

        @Bean
        @Primary
        PendingResubscriptions fakePendingResubscriptions() {
            return mock(PendingResubscriptions.class);
        }
    }

    @BeforeEach
    void fakes() {
        anonymous = Api.at(port);
        reset(lists, subscribers, subscriptions, pending, resubscriptions, resubscriptionEnds);
        when(lists.findList(any(), eq("news"))).thenReturn(Optional.of(NEWS));
        // A form's pages and posts read its list with the form, from the list's row (StoredForms.withList), not
        // through the facade: the row of the fake's list, for the account of the forms/ folder's newsletter form.
        jdbc.sql("""
                insert into contacts_list (id, account_id, key, name, brand, created_at)
                select ?, account_id, ?, ?, ?, now() from subscription_form where form_key = 'newsletter'
                on conflict (account_id, key) do nothing""")
                .params(NEWS.id(), NEWS.key(), NEWS.name(), NEWS.brand()).update();
        when(subscribers.registerSignup(any(), any(), any())).thenAnswer(call -> {
            Signup signup = call.getArgument(1);
            String address = signup.email() == null ? signup.mobile() : signup.email().toLowerCase();
            if (address.startsWith("erased")) {
                return new SignupOutcome.Erased(new SubscriberId(UUID.randomUUID()));
            }
            return new SignupOutcome.Pending(subscriber(address), subscription(address), known.add(address));
        });
        when(subscriptions.subscription(any(), any())).thenAnswer(call -> {
            SubscriptionId id = call.getArgument(1);
            return Optional.of(new SubscriptionRef(new SubscriberId(id.value()), id, NEWS, SubscriptionStatus.PENDING));
        });
        when(pending.lockForConfirmation(any(), any())).thenAnswer(call -> {
            SubscriptionId id = call.getArgument(1);
            return Optional.of(new SubscriptionRef(new SubscriberId(id.value()), id, NEWS, SubscriptionStatus.PENDING));
        });
        when(pending.confirm(any(), any(), any())).thenReturn(ConfirmOutcome.CONFIRMED);
        when(resubscriptions.requestResubscription(any(), any())).thenAnswer(call -> {
            Resubscription request = call.getArgument(1);
            return new PendingResubscription(resubscription(request.email()), request.tombstoneId(), NEWS,
                    Channel.EMAIL, true);
        });
        when(dispatch.enqueue(any())).thenAnswer(call -> {
            outbox.add(call.getArgument(0));
            return UUID.randomUUID();
        });
    }

    @Test
    void aSignupIsConfirmedOnceByAClickAndScannersChangeNothing() {
        String email = address();
        Answer accepted = signup(email, "203.0.113.7");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);

        ArgumentCaptor<Signup> registered = ArgumentCaptor.forClass(Signup.class);
        verify(subscribers).registerSignup(eq(defaultAccount()), registered.capture(), any());
        ConsentEvidence evidence = registered.getValue().evidence();
        assertThat(evidence.ip()).isEqualTo("203.0.113.7");
        assertThat(evidence.userAgent()).isEqualTo("FlowIT");
        assertThat(evidence.formKey()).isEqualTo("newsletter");
        assertThat(evidence.formVersion()).isEqualTo(1);
        assertThat(evidence.consentText()).contains("about once a month");

        String path = awaitLink(email, Purpose.CONFIRMATION);
        for (int i = 0; i < 3; i++) {
            assertThat(anonymous.get(path).body()).contains("Yes, confirm my subscription");
        }
        verify(pending, never()).confirm(any(), any(), any());

        Answer confirmed = click(path, "198.51.100.23");
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Your subscription is confirmed");
        assertThat(message(email, Purpose.WELCOME)).as("the welcome is queued in the click's transaction").isPresent();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance(email)).finished().count())
                .as("the instance ended with the click: no welcome job").isEqualTo(1);
        ArgumentCaptor<ConsentEvidence> click = ArgumentCaptor.forClass(ConsentEvidence.class);
        verify(pending).confirm(any(), eq(subscription(email)), click.capture());
        assertThat(click.getValue().ip()).isEqualTo("198.51.100.23");
        assertThat(jdbc.sql("select count(*) from subscription_confirmation_request where purpose = 'SIGNUP' and click_evidence is not null")
                .query(Long.class).single()).isZero();

        assertThat(click(path, "198.51.100.23").body()).contains("already confirmed");
        assertThat(anonymous.get(path).body()).contains("already confirmed");
        verify(pending, times(1)).confirm(any(), any(), any());

        OutboundMessage welcome = await().atMost(Duration.ofSeconds(30))
                .until(() -> message(email, Purpose.WELCOME), Optional::isPresent).get();
        assertThat(welcome.listId()).isEqualTo("news.acme.localhost");
        assertThat(welcome.unsubscribeUrl()).matches("http://localhost:\\d+/u/[A-Za-z0-9_-]{43}");
        assertThat(welcome.content().text()).contains(welcome.unsubscribeUrl());
        assertThat(welcome.content().html()).contains("href=\"" + welcome.unsubscribeUrl() + "\"");
        await().atMost(Duration.ofSeconds(30)).until(() -> history.createHistoricProcessInstanceQuery()
                .processDefinitionKey("double-opt-in").finished().processInstanceBusinessKey(businessKey(email))
                .count() == 1);
        String instance = history.createHistoricProcessInstanceQuery().processDefinitionKey("double-opt-in")
                .processInstanceBusinessKey(businessKey(email)).singleResult().getId();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId(DoubleOptInProcess.Event.SUBSCRIPTION_CONFIRMED).finished().count()).isEqualTo(1);
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(AnnounceConfirmationProcess.ID)
                .count()).as("no automation flow listens: nothing handed over, no job for it").isZero();

        ArgumentCaptor<AuditEntry> audited = ArgumentCaptor.forClass(AuditEntry.class);
        verify(audit, atLeastOnce()).appendAtCommit(audited.capture());
        AuditEntry sent = audited.getAllValues().stream()
                .filter(e -> e.action() == AuditAction.CONFIRMATION_SENT).findFirst().orElseThrow();
        assertThat(sent.detail().toString()).doesNotContain(email, "203.0.113.7");
    }

    @Test
    void fiftyParallelClicksOnOneLinkMakeOneTransition() throws Exception {
        String email = address();
        signup(email, "203.0.113.8");
        String path = awaitLink(email, Purpose.CONFIRMATION);

        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        List<Answer> results = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                boolean scanner = i % 5 == 0;
                answers.add(pool.submit(() -> {
                    start.await();
                    return scanner ? anonymous.get(path) : click(path, "198.51.100.24");
                }));
            }
            start.countDown();
            for (Future<Answer> answer : answers) {
                results.add(answer.get());
                assertThat(answer.get().status()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        verify(pending, times(1)).confirm(any(), eq(subscription(email)), any());
        assertThat(results.stream().filter(a -> a.body().contains("Your subscription is confirmed")))
                .hasSize(1);
    }

    @Test
    void repeatedSignupsWithinTheThrottleWindowSendOneConfirmation() throws Exception {
        String email = address();
        signup(email, "203.0.113.9");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit(() -> signup(email, "203.0.113.10")));
            }
            for (Future<Answer> answer : answers) {
                assertThat(answer.get().status()).isEqualTo(202);
            }
        } finally {
            pool.shutdownNow();
        }
        awaitLink(email, Purpose.CONFIRMATION);
        String waiting = instance(email);
        await().atMost(Duration.ofSeconds(30)).until(() -> management.createJobQuery().processInstanceId(waiting)
                .timers().count() == management.createJobQuery().processInstanceId(waiting).count());
        assertThat(outbox.stream().filter(m -> m.subscriptionId().equals(subscription(email).value()))).hasSize(1);
        assertThat(jdbc.sql("select count(*) from subscription_confirmation_request where purpose = 'SIGNUP' and subscription_id = :id")
                .param("id", subscription(email).value()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theReminderCarriesANewLinkAndTheExpiryPurgesAndEndsEveryLink() {
        String email = address();
        signup(email, "203.0.113.11");
        String first = awaitLink(email, Purpose.CONFIRMATION);
        management.executeJob(job(email, DoubleOptInProcess.Event.REMINDER_DUE));
        String second = awaitLink(email, Purpose.CONFIRMATION_REMINDER);
        assertThat(second).isNotEqualTo(first);
        assertThat(anonymous.get(first).status()).isEqualTo(200);

        management.executeJob(job(email, DoubleOptInProcess.Event.CONFIRMATION_EXPIRED_AFTER_REMINDER));
        verify(pending).purgeExpired(defaultAccount(), subscription(email));
        for (String path : List.of(first, second)) {
            assertThat(anonymous.get(path).status()).isEqualTo(410);
            assertThat(click(path, "198.51.100.25").status()).isEqualTo(410);
        }
        verify(pending, never()).confirm(any(), any(), any());
    }

    @Test
    void aReminderThatCannotBeWrittenLeavesNoLinkAndTheSignupStillExpires() {
        String email = address();
        signup(email, "203.0.113.12");
        String first = awaitLink(email, Purpose.CONFIRMATION);
        String instance = instance(email);
        // The reminder's message fails in the database, which aborts the statement: only the savepoint lets the
        // timer's transaction go on to make the expiry's timer.
        doAnswer(call -> jdbc.sql("select 1 / 0").query(Integer.class).single()).when(dispatch)
                .enqueue(argThat(m -> m.purpose() == Purpose.CONFIRMATION_REMINDER));
        management.executeJob(job(email, DoubleOptInProcess.Event.REMINDER_DUE));

        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId(DoubleOptInProcess.Event.REMINDER_NOT_SENT).count()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from subscription_confirmation_request_token where process_instance_id = :id")
                .param("id", instance).query(Long.class).single()).as("the reminder's link went with its savepoint")
                .isEqualTo(1);
        assertThat(message(email, Purpose.CONFIRMATION_REMINDER)).isEmpty();
        assertThat(anonymous.get(first).status()).isEqualTo(200);

        management.executeJob(job(email, DoubleOptInProcess.Event.CONFIRMATION_EXPIRED_AFTER_REMINDER));
        verify(pending).purgeExpired(defaultAccount(), subscription(email));
        assertThat(anonymous.get(first).status()).isEqualTo(410);
    }

    @Test
    void anErasedAddressGetsTheSameAnswerAndIsHandedOverToResubscribeWithItsAddressOnly() {
        long doubleOptIns = jdbc.sql("select count(*) from subscription_confirmation_request where purpose = 'SIGNUP'").query(Long.class).single();
        String freshAddress = address();
        String erasedAddress = "erased-" + address();
        Answer erased = signup(erasedAddress, "203.0.113.12");
        Answer fresh = signup(freshAddress, "203.0.113.12");

        assertThat(erased.status()).isEqualTo(fresh.status()).isEqualTo(202);
        assertThat(erased.body()).isEqualTo(fresh.body());
        assertThat(jdbc.sql("select count(*) from subscription_confirmation_request where purpose = 'SIGNUP'").query(Long.class).single())
                .isEqualTo(doubleOptIns + 1);
        awaitLink(freshAddress, Purpose.CONFIRMATION);
        verify(subscribers, times(2)).registerSignup(any(), any(), any());

        ArgumentCaptor<Resubscription> handedOver = ArgumentCaptor.forClass(Resubscription.class);
        verify(resubscriptions).requestResubscription(eq(defaultAccount()), handedOver.capture());
        Resubscription request = handedOver.getValue();
        assertThat(request.email()).isEqualTo(erasedAddress);
        assertThat(request.mobile()).isNull();
        assertThat(request.channel()).isEqualTo(Channel.EMAIL);
        assertThat(request.listKey()).isEqualTo("news");
        assertThat(request.evidence().ip()).isEqualTo("203.0.113.12");
        assertThat(request.evidence().formKey()).isEqualTo("newsletter");
        OutboundMessage confirmation = await().atMost(Duration.ofSeconds(30)).until(() -> outbox.stream()
                .filter(m -> m.subscriptionId().equals(resubscription(erasedAddress).value())).findFirst(),
                Optional::isPresent).get();
        assertThat(confirmation.purpose()).isEqualTo(Purpose.CONFIRMATION);
        assertThat(confirmation.subscriberId()).isEqualTo(request.tombstoneId().value());
        assertThat(confirmation.content().text()).contains("a confirmed opt-in is required");
        assertThat(outbox.stream().filter(m -> m.purpose() == Purpose.CONFIRMATION))
                .allMatch(m -> m.subscriptionId().equals(subscription(freshAddress).value())
                        || m.subscriptionId().equals(resubscription(erasedAddress).value()));
    }

    @Test
    void theEngineHoldsIdsOnlyNeverTheAddressOrTheIp() {
        String email = address();
        signup(email, "203.0.113.13");
        awaitLink(email, Purpose.CONFIRMATION);
        String ids = jdbc.sql("select coalesce(string_agg(coalesce(text_, '') || coalesce(text2_, ''), ','), '') "
                + "from act_hi_varinst").query(String.class).single();
        assertThat(ids).doesNotContain(email, "203.0.113.13", "@");
        assertThat(jdbc.sql("select count(*) from act_hi_procinst where business_key_ like '%@%'")
                .query(Long.class).single()).isZero();
    }

    private Answer signup(String email, String ip) {
        return anonymous.postRaw("/f/newsletter", "application/json",
                ("{\"email\":\"" + email + "\",\"firstName\":\"Anna\",\"consent\":true}").getBytes(StandardCharsets.UTF_8),
                Map.of("X-Forwarded-For", ip, "User-Agent", "FlowIT"));
    }

    private Answer click(String path, String ip) {
        return anonymous.postRaw(path, "application/x-www-form-urlencoded", new byte[0], Map.of("X-Forwarded-For", ip));
    }

    private String awaitLink(String email, Purpose purpose) {
        OutboundMessage message = await().atMost(Duration.ofSeconds(30))
                .until(() -> message(email, purpose), Optional::isPresent).get();
        Matcher link = LINK.matcher(message.content().text());
        assertThat(link.find()).isTrue();
        assertThat(message.content().html()).contains(link.group());
        // The mocked outbox sees the message inside the sending transaction; a real one only after its commit.
        String path = link.group();
        await().atMost(Duration.ofSeconds(30)).until(() -> anonymous.get(path).status() == 200);
        return path;
    }

    private Optional<OutboundMessage> message(String email, Purpose purpose) {
        return outbox.stream().filter(m -> m.purpose() == purpose && m.subscriptionId().equals(subscription(email).value()))
                .reduce((a, b) -> b);
    }

    private String job(String email, String activityId) {
        return management.createJobQuery().processInstanceId(instance(email)).activityId(activityId).singleResult().getId();
    }

    private String businessKey(String email) {
        return jdbc.sql("select request_id from subscription_confirmation_request where purpose = 'SIGNUP' and subscription_id = :id")
                .param("id", subscription(email).value()).query(UUID.class).single().toString();
    }

    private String instance(String email) {
        return jdbc.sql("select process_instance_id from subscription_confirmation_request where purpose = 'SIGNUP' and subscription_id = :id")
                .param("id", subscription(email).value()).query(String.class).single();
    }

    private AccountId defaultAccount() {
        return new AccountId(jdbc.sql("select id from accounts_account where name = 'default'").query(UUID.class).single());
    }

    private static SubscriberId subscriber(String address) {
        return new SubscriberId(UUID.nameUUIDFromBytes(("card:" + address.toLowerCase()).getBytes(StandardCharsets.UTF_8)));
    }

    private static ResubscriptionId resubscription(String address) {
        return new ResubscriptionId(UUID.nameUUIDFromBytes(("resubscription:" + address.toLowerCase())
                .getBytes(StandardCharsets.UTF_8)));
    }

    private static SubscriptionId subscription(String address) {
        return new SubscriptionId(UUID.nameUUIDFromBytes(address.toLowerCase().getBytes(StandardCharsets.UTF_8)));
    }

    private static String address() {
        return "flow-" + UUID.randomUUID() + "@example.dk";
    }
}
