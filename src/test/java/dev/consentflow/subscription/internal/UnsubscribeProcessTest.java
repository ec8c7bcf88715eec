package dev.consentflow.subscription.internal;

import static dev.consentflow.support.ProcessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.consentflow.TransactionRetry;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.Permission;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.contacts.SubscriptionRef;
import dev.consentflow.contacts.SubscriptionStatus;
import dev.consentflow.contacts.Subscriptions;
import dev.consentflow.contacts.Unsubscribe;
import dev.consentflow.contacts.UnsubscribeChannel;
import dev.consentflow.contacts.UnsubscribeScope;
import dev.consentflow.contacts.Unsubscribed;
import dev.consentflow.contacts.Unsubscriptions;
import dev.consentflow.engine.ProcessRuntime;
import dev.consentflow.subscription.internal.UnsubscribeProcess.Event;
import dev.consentflow.subscription.internal.UnsubscribeProcess.Task;
import dev.consentflow.subscription.internal.UnsubscribeProcess.Var;
import dev.consentflow.support.ProcessTestEngine;
import dev.consentflow.web.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;
import org.operaton.bpm.engine.history.HistoricVariableInstance;
import org.operaton.bpm.engine.impl.mock.Mocks;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.test.Deployment;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * Every start of {@code processes/unsubscribe.bpmn} (one-click, page, brand-wide, API, complaint) through the desk
 * all of them use, on the process-test engine: the delegates are the real ones, over mocked contacts facades and a
 * mocked publisher.
 */
@Deployment(resources = "processes/unsubscribe.bpmn")
class UnsubscribeProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessTestEngine.extension();

    private static final ListInfo NEWS = new ListInfo(UUID.randomUUID(), "news", "Acme News", "acme");
    private static final ListInfo OFFERS = new ListInfo(UUID.randomUUID(), "offers", "Acme Offers", "acme");

    private final AccountId account = new AccountId(UUID.randomUUID());
    private final SubscriberId anna = new SubscriberId(UUID.randomUUID());
    private final SubscriptionId news = new SubscriptionId(UUID.randomUUID());
    private final Unsubscriptions contacts = mock(Unsubscriptions.class);
    private final Subscriptions subscriptions = mock(Subscriptions.class);
    private final ProcessRuntime publisher = mock(ProcessRuntime.class);
    private final List<ProcessInstance> started = new ArrayList<>();
    private UnsubscribeDesk desk;

    @BeforeEach
    void realDelegatesOverMockedFacades() {
        UnsubscribeInbox inbox = new UnsubscribeInbox();
        Unsubscriber unsubscriber = new Unsubscriber(inbox, contacts, publisher);
        Mocks.register("unsubscribeSubscriptionDelegate", new UnsubscribeSubscriptionDelegate(unsubscriber));
        Mocks.register("publishSubscriptionUnsubscribedDelegate",
                new PublishSubscriptionUnsubscribedDelegate(unsubscriber));
        desk = new UnsubscribeDesk(new EngineStarts(), inbox, subscriptions,
                new TransactionRetry(new NoTransactions()));
        when(publisher.anyListens(UnsubscribeProcess.Message.SUBSCRIPTION_UNSUBSCRIBED, account.value().toString()))
                .thenReturn(true);
        when(subscriptions.subscription(account, news)).thenReturn(Optional.of(
                new SubscriptionRef(anna, news, NEWS, SubscriptionStatus.CONFIRMED)));
        when(contacts.unsubscribe(eq(account), any())).thenAnswer(call -> {
            Unsubscribe request = call.getArgument(1);
            return Optional.of(new Unsubscribed(anna, request.scope() == UnsubscribeScope.BRAND
                    ? List.of(NEWS, OFFERS) : List.of(NEWS), Permission.UNSUBSCRIBED));
        });
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void aOneClickPostUnsubscribesTheListAndStopsItsAutomation() {
        Unsubscribed outcome = desk.unsubscribe(account, request(UnsubscribeScope.LIST, UnsubscribeChannel.ONE_CLICK,
                "198.51.100.7"));

        assertThat(outcome.lists()).containsExactly(NEWS);
        ProcessInstance instance = started();
        assertThat(instance).hasPassed(Event.UNSUBSCRIBE_REQUESTED, Task.UNSUBSCRIBE_SUBSCRIPTION)
                .isWaitingAt(Event.SUBSCRIPTION_UNSUBSCRIBED);
        Unsubscribe handed = handedToContacts();
        assertThat(handed.processInstanceId()).isEqualTo(instance.getId());
        assertThat(handed.ip()).isEqualTo("198.51.100.7");
        verify(publisher, never()).publish(any(), anyMap(), anyMap());

        assertThat(instance).executeJob(Event.SUBSCRIPTION_UNSUBSCRIBED).endedAt(Event.AUTOMATION_STOPPED)
                .hasNotPassed(Event.ALREADY_UNSUBSCRIBED);
        verifyPublishedFor("news", "ONE_CLICK");
        assertThat(variables(instance)).containsEntry(Var.CHANNEL, "ONE_CLICK").containsEntry(Var.SCOPE, "LIST")
                .containsEntry(Var.LIST_KEY, "news").containsEntry(Var.SUBSCRIBER_ID, anna.toString())
                .containsEntry(Var.UNSUBSCRIBED_NOW, true).containsEntry(Var.UNSUBSCRIBED_LIST_KEYS, "news");
    }

    @Test
    void thePageUnsubscribesTheOneList() {
        desk.unsubscribe(account, request(UnsubscribeScope.LIST, UnsubscribeChannel.PAGE, "198.51.100.8"));

        assertThat(started()).executeJob(Event.SUBSCRIPTION_UNSUBSCRIBED).endedAt(Event.AUTOMATION_STOPPED);
        assertThat(handedToContacts().channel()).isEqualTo(UnsubscribeChannel.PAGE);
        verifyPublishedFor("news", "PAGE");
    }

    @Test
    void theWholeBrandFromThePageStopsTheAutomationOfEveryListThatEnded() {
        Unsubscribed outcome = desk.unsubscribe(account, request(UnsubscribeScope.BRAND, UnsubscribeChannel.PAGE,
                "198.51.100.9"));

        assertThat(outcome.lists()).containsExactly(NEWS, OFFERS);
        ProcessInstance instance = started();
        assertThat(instance).executeJob(Event.SUBSCRIPTION_UNSUBSCRIBED).endedAt(Event.AUTOMATION_STOPPED);
        assertThat(handedToContacts().scope()).isEqualTo(UnsubscribeScope.BRAND);
        verifyPublishedFor("news", "PAGE");
        verifyPublishedFor("offers", "PAGE");
        assertThat(variables(instance)).containsEntry(Var.SCOPE, "BRAND")
                .containsEntry(Var.UNSUBSCRIBED_LIST_KEYS, "news,offers");
    }

    @Test
    void anIntegrationUnsubscribesThroughTheApi() {
        desk.unsubscribe(account, request(UnsubscribeScope.LIST, UnsubscribeChannel.API, "203.0.113.50"));

        assertThat(started()).executeJob(Event.SUBSCRIPTION_UNSUBSCRIBED).endedAt(Event.AUTOMATION_STOPPED);
        assertThat(handedToContacts().channel()).isEqualTo(UnsubscribeChannel.API);
        verifyPublishedFor("news", "API");
    }

    @Test
    void aComplaintUnsubscribesWithoutAnIp() {
        desk.unsubscribe(account, request(UnsubscribeScope.LIST, UnsubscribeChannel.COMPLAINT, null));

        assertThat(started()).executeJob(Event.SUBSCRIPTION_UNSUBSCRIBED).endedAt(Event.AUTOMATION_STOPPED);
        assertThat(handedToContacts().channel()).isEqualTo(UnsubscribeChannel.COMPLAINT);
        assertThat(handedToContacts().ip()).isNull();
        verifyPublishedFor("news", "COMPLAINT");
    }

    @Test
    void aRepeatedUnsubscribeChangesNothingAndStopsNothing() {
        when(contacts.unsubscribe(eq(account), any()))
                .thenReturn(Optional.of(new Unsubscribed(anna, List.of(), Permission.UNSUBSCRIBED)));

        Unsubscribed outcome = desk.unsubscribe(account, request(UnsubscribeScope.LIST, UnsubscribeChannel.ONE_CLICK,
                "198.51.100.10"));

        assertThat(outcome.changed()).isFalse();
        assertThat(started()).endedAt(Event.ALREADY_UNSUBSCRIBED).hasNotPassed(Event.SUBSCRIPTION_UNSUBSCRIBED);
        verify(publisher, never()).publish(any(), anyMap(), anyMap());
    }

    @Test
    void anUnsubscribeNoAutomationListensToEndsInTheRequestsTransactionWithoutAJob() {
        when(publisher.anyListens(any(), any())).thenReturn(false);

        desk.unsubscribe(account, request(UnsubscribeScope.BRAND, UnsubscribeChannel.ONE_CLICK, "198.51.100.12"));

        ProcessInstance instance = started();
        assertThat(instance).hasPassed(Task.UNSUBSCRIBE_SUBSCRIPTION).endedAt(Event.NOTHING_TO_STOP)
                .hasNotPassed(Event.SUBSCRIPTION_UNSUBSCRIBED, Event.ALREADY_UNSUBSCRIBED);
        verify(publisher).anyListens(UnsubscribeProcess.Message.SUBSCRIPTION_UNSUBSCRIBED, account.value().toString());
        verify(publisher, never()).publish(any(), anyMap(), anyMap());
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(variables(instance)).containsEntry(Var.UNSUBSCRIBED_NOW, true)
                .containsEntry(Var.AUTOMATION_LISTENING, false);
    }

    @Test
    void aRepeatedUnsubscribeDoesNotAskWhoListens() {
        when(contacts.unsubscribe(eq(account), any()))
                .thenReturn(Optional.of(new Unsubscribed(anna, List.of(), Permission.UNSUBSCRIBED)));

        desk.unsubscribe(account, request(UnsubscribeScope.LIST, UnsubscribeChannel.PAGE, "198.51.100.13"));

        assertThat(started()).endedAt(Event.ALREADY_UNSUBSCRIBED);
        verify(publisher, never()).anyListens(any(), any());
    }

    @Test
    void anUnknownSubscriptionStartsNothing() {
        SubscriptionId unknown = new SubscriptionId(UUID.randomUUID());
        assertThatThrownBy(() -> desk.unsubscribe(account, new Unsubscribe(unknown, UnsubscribeScope.LIST,
                UnsubscribeChannel.ONE_CLICK, Instant.now(), "198.51.100.11", null)))
                .isInstanceOf(NotFoundException.class);
        assertThat(started).isEmpty();
    }

    @Test
    void theIpNeverReachesTheEngine() {
        String ip = "2001:db8::7";
        desk.unsubscribe(account, request(UnsubscribeScope.BRAND, UnsubscribeChannel.PAGE, ip));
        ProcessInstance instance = started();
        assertThat(instance).executeJob(Event.SUBSCRIPTION_UNSUBSCRIBED);

        assertThat(variables(instance).values()).allSatisfy(value ->
                assertThat(String.valueOf(value)).doesNotContain(ip));
        assertThat(instance.getBusinessKey()).doesNotContain(ip);
    }

    private Unsubscribe request(UnsubscribeScope scope, UnsubscribeChannel channel, String ip) {
        return new Unsubscribe(news, scope, channel, Instant.now(), ip, null);
    }

    private ProcessInstance started() {
        assertThat(started).hasSize(1);
        return started.get(0);
    }

    private Unsubscribe handedToContacts() {
        ArgumentCaptor<Unsubscribe> handed = ArgumentCaptor.forClass(Unsubscribe.class);
        verify(contacts).unsubscribe(eq(account), handed.capture());
        return handed.getValue();
    }

    private void verifyPublishedFor(String listKey, String channel) {
        verify(publisher).publish("subscription.unsubscribed",
                Map.of(Var.SUBSCRIBER_ID, anna.toString(), Var.LIST_KEY, listKey),
                Map.of(Var.ACCOUNT_ID, account.value().toString(), Var.SUBSCRIBER_ID, anna.toString(),
                        Var.LIST_KEY, listKey, Var.CHANNEL, channel));
    }

    private Map<String, Object> variables(ProcessInstance instance) {
        return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .list().stream().collect(Collectors.toMap(HistoricVariableInstance::getName,
                        HistoricVariableInstance::getValue));
    }

    /** Starts on the process-test engine, as the engine module does on the server's. */
    private final class EngineStarts implements ProcessRuntime {

        @Override
        public String start(String processKey, String businessKey, Map<String, Object> variables) {
            ProcessInstance instance = engine.getRuntimeService()
                    .startProcessInstanceByKey(processKey, businessKey, variables);
            started.add(instance);
            return instance.getId();
        }

        @Override
        public boolean correlate(String messageName, String processInstanceId, Map<String, Object> variables) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int publish(String messageName, String matchVariable, Object matchValue, Map<String, Object> variables) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int publish(String messageName, Map<String, Object> match, Map<String, Object> variables) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean anyListens(String messageName, String accountId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int endInstancesOf(java.util.UUID subscriberId, String reason, String exceptProcessInstanceId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean completeTask(String processInstanceId, String taskDefinitionKey, Map<String, Object> variables) {
            throw new UnsupportedOperationException();
        }
    }

    /** The desk's retry needs a transaction manager; the process-test engine manages its own transactions. */
    private static final class NoTransactions extends AbstractPlatformTransactionManager {

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }
}
