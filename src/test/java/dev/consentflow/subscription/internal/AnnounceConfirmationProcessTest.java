package dev.consentflow.subscription.internal;

import static dev.consentflow.support.ProcessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionConfirmedDirectly;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.engine.internal.TestProcessRuntimes;
import dev.consentflow.subscription.internal.AnnounceConfirmationProcess.Event;
import dev.consentflow.subscription.internal.DoubleOptInProcess.Var;
import dev.consentflow.support.ProcessTestEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.operaton.bpm.engine.impl.mock.Mocks;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.test.Deployment;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;

/**
 * {@code processes/announce-confirmation.bpmn}, started as the server starts it ({@link DirectConfirmations} on the
 * real engine facade) when a flow listens (the example welcome series), with the publishing delegate replaced by a
 * recorder.
 */
class AnnounceConfirmationProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessTestEngine.extension();

    private final AccountId account = new AccountId(UUID.randomUUID());
    private final SubscriberId person = new SubscriberId(UUID.randomUUID());
    private final SubscriptionId subscription = new SubscriptionId(UUID.randomUUID());
    private final List<Map<String, Object>> published = new ArrayList<>();

    @BeforeEach
    void recorder() {
        Mocks.register("publishSubscriptionConfirmedDelegate",
                (JavaDelegate) execution -> published.add(execution.getVariables()));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    @Deployment(resources = {"processes/announce-confirmation.bpmn", "processes/examples/welcome-series.bpmn"})
    void aDirectConfirmationWaitsAsAJobAndThenTellsTheAutomationFlowsOnce() {
        new DirectConfirmations(new ConfirmationAnnouncements(TestProcessRuntimes.on(engine.getProcessEngine())))
                .announce(new SubscriptionConfirmedDirectly(account, person, subscription, "news"));

        ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(AnnounceConfirmationProcess.ID).singleResult();
        assertThat(instance).hasPassed(Event.CONFIRMED_DIRECTLY).isWaitingAt(Event.SUBSCRIPTION_CONFIRMED);
        assertThat(published).as("nothing published inside the confirming transaction").isEmpty();
        assertThat(instance.getTenantId()).isEqualTo(account.value().toString());

        assertThat(instance).executeJob(Event.SUBSCRIPTION_CONFIRMED).endedAt(Event.AUTOMATION_TOLD);
        assertThat(published).hasSize(1);
        assertThat(published.get(0)).containsExactlyInAnyOrderEntriesOf(Map.of(
                Var.ACCOUNT_ID, account.value().toString(),
                Var.SUBSCRIBER_ID, person.value().toString(),
                Var.SUBSCRIPTION_ID, subscription.value().toString(),
                Var.LIST_KEY, "news"));
    }

    @Test
    @Deployment(resources = "processes/announce-confirmation.bpmn")
    void withNoFlowListeningNothingIsStarted() {
        new DirectConfirmations(new ConfirmationAnnouncements(TestProcessRuntimes.on(engine.getProcessEngine())))
                .announce(new SubscriptionConfirmedDirectly(account, person, subscription, "news"));

        assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
        assertThat(published).isEmpty();
    }
}
