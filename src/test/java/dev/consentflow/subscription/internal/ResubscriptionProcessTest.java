package dev.consentflow.subscription.internal;

import static dev.consentflow.support.ProcessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consentflow.subscription.internal.ResubscriptionProcess.Event;
import dev.consentflow.subscription.internal.ResubscriptionProcess.Gateway;
import dev.consentflow.subscription.internal.ResubscriptionProcess.Message;
import dev.consentflow.subscription.internal.ResubscriptionProcess.Outcome;
import dev.consentflow.subscription.internal.ResubscriptionProcess.Task;
import dev.consentflow.subscription.internal.ResubscriptionProcess.Var;
import dev.consentflow.support.ProcessTestEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.operaton.bpm.engine.MismatchingMessageCorrelationException;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.operaton.bpm.engine.history.HistoricVariableInstance;
import org.operaton.bpm.engine.impl.mock.Mocks;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.test.Deployment;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;

/**
 * Every path of {@code processes/resubscribe.bpmn}, with the delegates replaced by recorders: each records the
 * activity it ran for and the channel the instance carries, so a test sees what ran, how often and for which
 * channel.
 */
@Deployment(resources = "processes/resubscribe.bpmn")
class ResubscriptionProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessTestEngine.extension();

    private final String tombstoneId = UUID.randomUUID().toString();
    private final String newSubscriberId = UUID.randomUUID().toString();
    private final String newSubscriptionId = UUID.randomUUID().toString();
    private final List<String> calls = new ArrayList<>();
    private boolean confirmedNow = true;

    @BeforeEach
    void delegates() {
        Mocks.register("sendResubscribeConfirmationDelegate", recorder("send"));
        Mocks.register("sendResubscribeConfirmationAgainDelegate", recorder("sendAgain"));
        Mocks.register("purgePendingResubscriptionDelegate", recorder("purge"));
        Mocks.register("announceSubscriptionConfirmedDelegate", recorder("publish"));
        Mocks.register("sendWelcomeDelegate", recorder("welcome"));
        Mocks.register("createResubscribedContactDelegate", (JavaDelegate) e -> {
            calls.add("create:" + e.getVariable(Var.CHANNEL));
            e.setVariable(Var.SUBSCRIPTION_CONFIRMED, confirmedNow);
            if (confirmedNow) {
                e.setVariable(Var.SUBSCRIBER_ID, newSubscriberId);
                e.setVariable(Var.SUBSCRIPTION_ID, newSubscriptionId);
            }
        });
        registerReturns(Outcome.NEW_REQUEST);
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void aResubscriptionConfirmedByMailMakesTheNewContactAndWelcomesItInTheClicksTransaction() {
        ProcessInstance instance = start("EMAIL");
        assertThat(instance).hasPassed(Task.REGISTER_RESUBSCRIPTION).isWaitingAt(Task.SEND_CONFIRMATION)
                .executeJob(Task.SEND_CONFIRMATION)
                .isWaitingAt(Gateway.AWAIT_CONFIRMATION);
        confirm(instance);
        assertThat(instance).hasPassed(Event.CONFIRMATION_RECEIVED, Task.CREATE_CONTACT, Task.SEND_WELCOME)
                .hasPassed(Event.SUBSCRIPTION_CONFIRMED)
                .endedAt(Event.CONTACT_RESUBSCRIBED)
                .hasNotPassed(Task.PURGE_PENDING_RESUBSCRIPTION, Task.SEND_CONFIRMATION_AGAIN);
        assertThat(calls).containsExactly("register:EMAIL", "send:EMAIL", "create:EMAIL", "welcome:EMAIL",
                "publish:EMAIL");
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).count())
                .as("no job after the click").isZero();
        assertThat(variables(instance)).containsEntry(Var.SUBSCRIBER_ID, newSubscriberId)
                .containsEntry(Var.SUBSCRIPTION_ID, newSubscriptionId)
                .containsEntry(Var.TOMBSTONE_ID, tombstoneId);
    }

    @Test
    void aResubscriptionOfAnSmsPermissionIsConfirmedBySmsTheSameWay() {
        ProcessInstance instance = start("SMS");
        assertThat(instance).executeJob(Task.SEND_CONFIRMATION).isWaitingAt(Gateway.AWAIT_CONFIRMATION);
        confirm(instance);
        assertThat(instance).endedAt(Event.CONTACT_RESUBSCRIBED);
        assertThat(calls).containsExactly("register:SMS", "send:SMS", "create:SMS", "welcome:SMS", "publish:SMS");
    }

    @Test
    void anUnconfirmedResubscriptionExpiresAtItsDeadlineAndIsPurged() {
        Date expiresAt = Date.from(Instant.now().plus(Duration.ofDays(7)));
        ProcessInstance instance = start("EMAIL", expiresAt);
        assertThat(instance).executeJob(Task.SEND_CONFIRMATION);
        assertThat(assertThat(instance).job(Event.CONFIRMATION_EXPIRED).getDuedate()).isEqualTo(expiresAt);

        assertThat(instance).executeJob(Event.CONFIRMATION_EXPIRED)
                .endedAt(Event.RESUBSCRIPTION_EXPIRED)
                .hasPassed(Task.PURGE_PENDING_RESUBSCRIPTION)
                .hasNotPassed(Task.CREATE_CONTACT, Task.SEND_WELCOME, Event.SUBSCRIPTION_CONFIRMED);
        assertThat(calls).containsExactly("register:EMAIL", "send:EMAIL", "purge:EMAIL");
        assertThatThrownBy(() -> confirm(instance)).isInstanceOf(MismatchingMessageCorrelationException.class);
    }

    @Test
    void aConfirmationArrivingTwiceMakesOneContact() {
        ProcessInstance instance = start("EMAIL");
        assertThat(instance).executeJob(Task.SEND_CONFIRMATION);
        confirm(instance);
        assertThatThrownBy(() -> confirm(instance)).isInstanceOf(MismatchingMessageCorrelationException.class);
        assertThat(instance).endedAt(Event.CONTACT_RESUBSCRIBED);
        assertThat(calls).containsOnlyOnce("create:EMAIL", "welcome:EMAIL", "publish:EMAIL");
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).count())
                .isZero();
    }

    @Test
    void aClickOnAResubscriptionThatIsNoLongerPendingPublishesNothing() {
        confirmedNow = false;
        ProcessInstance instance = start("EMAIL");
        assertThat(instance).executeJob(Task.SEND_CONFIRMATION);
        confirm(instance);
        assertThat(instance).endedAt(Event.NOTHING_TO_RESUBSCRIBE)
                .hasNotPassed(Task.SEND_WELCOME, Event.SUBSCRIPTION_CONFIRMED);
        assertThat(calls).containsExactly("register:EMAIL", "send:EMAIL", "create:EMAIL");
        assertThat(variables(instance)).doesNotContainKeys(Var.SUBSCRIBER_ID, Var.SUBSCRIPTION_ID);
    }

    @Test
    void aRepeatedRequestAfterTheThrottleWindowSendsTheConfirmationAgainAndEnds() {
        registerReturns(Outcome.CONFIRMATION_DUE);
        ProcessInstance instance = start("EMAIL");
        assertThat(instance).isWaitingAt(Task.SEND_CONFIRMATION_AGAIN)
                .executeJob(Task.SEND_CONFIRMATION_AGAIN)
                .endedAt(Event.CONFIRMATION_SENT_AGAIN)
                .hasNotPassed(Task.SEND_CONFIRMATION);
        assertThat(calls).containsExactly("register:EMAIL", "sendAgain:EMAIL");
    }

    @Test
    void aRepeatedRequestWithinTheThrottleWindowSendsNothing() {
        registerReturns(Outcome.CONFIRMATION_RECENT);
        ProcessInstance instance = start("EMAIL");
        assertThat(instance).endedAt(Event.CONFIRMATION_RECENTLY_SENT)
                .hasNotPassed(Task.SEND_CONFIRMATION, Task.SEND_CONFIRMATION_AGAIN);
        assertThat(calls).containsExactly("register:EMAIL");
    }

    @Test
    void theBusinessKeyIsTheRequestIdAndTheVariablesHoldIdsAndPrimitivesOnly() {
        ProcessInstance instance = start("EMAIL");
        assertThat(instance).executeJob(Task.SEND_CONFIRMATION);
        confirm(instance);
        assertThat(instance).isEnded();

        assertThat(UUID.fromString(instance.getBusinessKey())).isNotNull();
        Map<String, Object> variables = variables(instance);
        assertThat(variables).containsKeys(Var.ACCOUNT_ID, Var.TOMBSTONE_ID, Var.RESUBSCRIPTION_ID, Var.LIST_KEY,
                Var.CHANNEL, Var.RESUBSCRIPTION_OUTCOME, Var.SUBSCRIPTION_CONFIRMED, Var.SUBSCRIBER_ID);
        assertThat(variables.values()).allSatisfy(value -> {
            assertThat(value).isInstanceOfAny(String.class, Boolean.class, Date.class);
            assertThat(String.valueOf(value)).doesNotContain("@");
        });
    }

    private ProcessInstance start(String channel) {
        return start(channel, Date.from(Instant.now().plus(Duration.ofDays(7))));
    }

    private ProcessInstance start(String channel, Date expiresAt) {
        return engine.getRuntimeService().startProcessInstanceByKey(ResubscriptionProcess.ID,
                UUID.randomUUID().toString(), Map.of(
                        Var.ACCOUNT_ID, UUID.randomUUID().toString(),
                        Var.TOMBSTONE_ID, tombstoneId,
                        Var.RESUBSCRIPTION_ID, UUID.randomUUID().toString(),
                        Var.LIST_KEY, "news",
                        Var.CHANNEL, channel,
                        Var.NEW_REQUEST, true,
                        Var.EXPIRES_AT, expiresAt));
    }

    private void confirm(ProcessInstance instance) {
        engine.getRuntimeService().createMessageCorrelation(Message.CONFIRMATION_RECEIVED)
                .processInstanceId(instance.getId()).correlateWithResult();
    }

    private JavaDelegate recorder(String name) {
        return (DelegateExecution e) -> calls.add(name + ":" + e.getVariable(Var.CHANNEL));
    }

    private void registerReturns(Outcome outcome) {
        Mocks.register("registerResubscriptionDelegate", (JavaDelegate) e -> {
            calls.add("register:" + e.getVariable(Var.CHANNEL));
            e.setVariable(Var.RESUBSCRIPTION_OUTCOME, outcome.name());
        });
    }

    private Map<String, Object> variables(ProcessInstance instance) {
        Map<String, Object> variables = new HashMap<>();
        for (HistoricVariableInstance v : engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).list()) {
            variables.put(v.getName(), v.getValue());
        }
        return variables;
    }
}
