package dev.consentflow.subscription.internal;

import static dev.consentflow.support.ProcessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.consentflow.subscription.internal.DoubleOptInProcess.Event;
import dev.consentflow.subscription.internal.DoubleOptInProcess.Gateway;
import dev.consentflow.subscription.internal.DoubleOptInProcess.SignupOutcome;
import dev.consentflow.subscription.internal.DoubleOptInProcess.Task;
import dev.consentflow.subscription.internal.DoubleOptInProcess.Var;
import dev.consentflow.support.ProcessTestEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.operaton.bpm.engine.history.HistoricVariableInstance;
import org.operaton.bpm.engine.impl.mock.Mocks;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.test.Deployment;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;

/** Every path of {@code processes/double-opt-in.bpmn}, with the delegates replaced by mocks. */
@Deployment(resources = "processes/double-opt-in.bpmn")
class DoubleOptInProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessTestEngine.extension();

    private final String subscriberId = UUID.randomUUID().toString();
    private final String subscriptionId = UUID.randomUUID().toString();

    private final JavaDelegate sendConfirmation = mock(JavaDelegate.class);
    private final JavaDelegate sendConfirmationAgain = mock(JavaDelegate.class);
    private final JavaDelegate sendReminder = mock(JavaDelegate.class);
    private final JavaDelegate sendWelcome = mock(JavaDelegate.class);
    private final JavaDelegate announceSubscriptionConfirmed = mock(JavaDelegate.class);
    private final JavaDelegate purgePendingSignup = mock(JavaDelegate.class);
    private final java.util.List<Object> handedOver = new java.util.ArrayList<>();
    private final String tombstoneId = UUID.randomUUID().toString();
    private boolean confirmedNow = true;

    @BeforeEach
    void delegates() {
        Mocks.register("sendConfirmationDelegate", sendConfirmation);
        Mocks.register("sendConfirmationAgainDelegate", sendConfirmationAgain);
        Mocks.register("sendReminderDelegate", sendReminder);
        Mocks.register("sendWelcomeDelegate", sendWelcome);
        Mocks.register("announceSubscriptionConfirmedDelegate", announceSubscriptionConfirmed);
        Mocks.register("purgePendingSignupDelegate", purgePendingSignup);
        Mocks.register("startResubscriptionDelegate",
                (JavaDelegate) e -> handedOver.add(e.getVariable(Var.TOMBSTONE_ID)));
        Mocks.register("confirmSubscriptionDelegate",
                (JavaDelegate) e -> e.setVariable(Var.SUBSCRIPTION_CONFIRMED, confirmedNow));
        registerReturns(SignupOutcome.NEW_REQUEST);
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void aConfirmedSignupIsWelcomedAnnouncedAndEndedInTheClicksTransactionWithoutAJob() {
        ProcessInstance instance = start();
        assertThat(instance).hasPassed(Task.REGISTER_SIGNUP, Task.SEND_CONFIRMATION)
                .isWaitingAt(Gateway.AWAIT_CONFIRMATION);
        assertThat(timers(instance)).containsExactly(Event.REMINDER_DUE);
        assertThat(jobs(instance)).as("no job but the reminder's timer: the confirmation is sent within the start, "
                + "the expiry's timer is made when the reminder is due").isEqualTo(1);
        verifyCalls(sendConfirmation, 1);
        confirm(instance);
        assertThat(instance).hasPassed(Task.CONFIRM_SUBSCRIPTION, Task.SEND_WELCOME, Event.SUBSCRIPTION_CONFIRMED)
                .endedAt(Event.SUBSCRIPTION_ACTIVE)
                .hasNotPassed(Task.SEND_REMINDER, Task.PURGE_PENDING_SIGNUP);
        verifyCalls(sendConfirmation, 1, sendWelcome, 1, announceSubscriptionConfirmed, 1, sendReminder, 0,
                purgePendingSignup, 0);
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).count())
                .as("neither a welcome job nor a timer left").isZero();
    }

    @Test
    void aSignupConfirmedAfterTheReminderIsWelcomed() {
        ProcessInstance instance = start();
        assertThat(instance).hasPassed(Task.SEND_CONFIRMATION).executeJob(Event.REMINDER_DUE)
                .hasPassed(Task.SEND_REMINDER)
                .isWaitingAt(Gateway.AWAIT_CONFIRMATION_AFTER_REMINDER)
                .isNotWaitingAt(Gateway.AWAIT_CONFIRMATION);
        assertThat(timers(instance)).containsExactly(Event.CONFIRMATION_EXPIRED_AFTER_REMINDER);
        confirm(instance);
        assertThat(instance).hasPassed(Task.SEND_WELCOME).endedAt(Event.SUBSCRIPTION_ACTIVE);
        verifyCalls(sendConfirmation, 1, sendReminder, 1, sendWelcome, 1, announceSubscriptionConfirmed, 1,
                purgePendingSignup, 0);
    }

    @Test
    void aReminderThatCannotBeSentStillLeavesTheExpiryWhichPurgesTheSignup() {
        Mocks.register("sendReminderDelegate", (JavaDelegate) e -> {
            throw new org.operaton.bpm.engine.delegate.BpmnError(SendReminderDelegate.NOT_SENT);
        });
        ProcessInstance instance = start();
        assertThat(instance).executeJob(Event.REMINDER_DUE)
                .hasPassed(Event.REMINDER_NOT_SENT)
                .isWaitingAt(Gateway.AWAIT_CONFIRMATION_AFTER_REMINDER);
        assertThat(timers(instance)).containsExactly(Event.CONFIRMATION_EXPIRED_AFTER_REMINDER);
        assertThat(instance).executeJob(Event.CONFIRMATION_EXPIRED_AFTER_REMINDER)
                .endedAt(Event.SIGNUP_EXPIRED)
                .hasPassed(Task.PURGE_PENDING_SIGNUP)
                .hasNotPassed(Task.CONFIRM_SUBSCRIPTION, Task.SEND_WELCOME);
        verifyCalls(purgePendingSignup, 1, sendWelcome, 0, announceSubscriptionConfirmed, 0, sendConfirmation, 1);
    }

    @Test
    void aSignupWhoseReminderCouldNotBeSentCanStillBeConfirmed() {
        Mocks.register("sendReminderDelegate", (JavaDelegate) e -> {
            throw new org.operaton.bpm.engine.delegate.BpmnError(SendReminderDelegate.NOT_SENT);
        });
        ProcessInstance instance = start();
        assertThat(instance).executeJob(Event.REMINDER_DUE).hasPassed(Event.REMINDER_NOT_SENT);
        confirm(instance);
        assertThat(instance).hasPassed(Task.SEND_WELCOME).endedAt(Event.SUBSCRIPTION_ACTIVE)
                .hasNotPassed(Task.PURGE_PENDING_SIGNUP);
        verifyCalls(sendWelcome, 1, purgePendingSignup, 0);
    }

    @Test
    void aRemindedSignupThatStaysUnconfirmedExpiresAndIsPurged() {
        ProcessInstance instance = start();
        assertThat(instance).hasPassed(Task.SEND_CONFIRMATION).executeJob(Event.REMINDER_DUE)
                .executeJob(Event.CONFIRMATION_EXPIRED_AFTER_REMINDER)
                .endedAt(Event.SIGNUP_EXPIRED)
                .hasPassed(Task.SEND_REMINDER, Task.PURGE_PENDING_SIGNUP)
                .hasNotPassed(Event.REMINDER_NOT_SENT, Task.CONFIRM_SUBSCRIPTION, Task.SEND_WELCOME);
        verifyCalls(sendReminder, 1, purgePendingSignup, 1, sendWelcome, 0, sendConfirmation, 1,
                announceSubscriptionConfirmed, 0);
    }

    @Test
    void theExpiryIsTheDeadlineSetAtTheStartAndOnlyOneReminderIsPlanned() {
        Date expiresAt = Date.from(Instant.now().plus(Duration.ofDays(7)));
        ProcessInstance instance = start(expiresAt);
        assertThat(instance).hasPassed(Task.SEND_CONFIRMATION);
        assertThat(assertThat(instance).job(Event.REMINDER_DUE).getDuedate())
                .isBetween(Date.from(Instant.now().plus(Duration.ofDays(3)).minusSeconds(60)),
                        Date.from(Instant.now().plus(Duration.ofDays(3)).plusSeconds(60)));

        assertThat(instance).executeJob(Event.REMINDER_DUE);
        assertThat(assertThat(instance).job(Event.CONFIRMATION_EXPIRED_AFTER_REMINDER).getDuedate())
                .isEqualTo(expiresAt);
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId(Event.REMINDER_DUE).count()).isZero();
    }

    @Test
    void aRepeatedSignupAfterTheThrottleWindowSendsTheConfirmationAgainWithinTheStartAndEnds() {
        registerReturns(SignupOutcome.CONFIRMATION_DUE);
        ProcessInstance instance = start();
        assertThat(instance).hasPassed(Task.SEND_CONFIRMATION_AGAIN)
                .endedAt(Event.CONFIRMATION_SENT_AGAIN)
                .hasNotPassed(Task.SEND_CONFIRMATION);
        verifyCalls(sendConfirmationAgain, 1, sendConfirmation, 0);
    }

    @Test
    void aRepeatedSignupWithinTheThrottleWindowSendsNothing() {
        registerReturns(SignupOutcome.CONFIRMATION_RECENT);
        ProcessInstance instance = start();
        assertThat(instance).endedAt(Event.CONFIRMATION_RECENTLY_SENT)
                .hasNotPassed(Task.SEND_CONFIRMATION, Task.SEND_CONFIRMATION_AGAIN);
        verifyCalls(sendConfirmation, 0, sendConfirmationAgain, 0);
    }

    @Test
    void aSignupOfAConfirmedAddressSendsNothing() {
        registerReturns(SignupOutcome.ALREADY_CONFIRMED);
        ProcessInstance instance = start();
        assertThat(instance).endedAt(Event.ALREADY_SUBSCRIBED).hasNotPassed(Task.SEND_CONFIRMATION);
        verifyCalls(sendConfirmation, 0, sendWelcome, 0, announceSubscriptionConfirmed, 0);
    }

    @Test
    void aSignupOfAnErasedAddressIsHandedOverToResubscribeWithinTheStartAndKeepsNoSubscriberIds() {
        registerReturns(SignupOutcome.ERASED);
        ProcessInstance instance = start();
        assertThat(instance).endedAt(Event.HANDED_OVER_TO_RESUBSCRIPTION)
                .hasPassed(Task.START_RESUBSCRIPTION)
                .hasNotPassed(Task.SEND_CONFIRMATION);
        verifyCalls(sendConfirmation, 0, sendConfirmationAgain, 0, sendWelcome, 0, purgePendingSignup, 0);
        assertThat(handedOver).containsExactly(tombstoneId);
        assertThat(variables(instance)).doesNotContainKeys(Var.SUBSCRIBER_ID, Var.SUBSCRIPTION_ID)
                .containsEntry(Var.TOMBSTONE_ID, tombstoneId);
    }

    @Test
    void aClickOnASubscriptionThatIsNoLongerPendingWelcomesNobody() {
        confirmedNow = false;
        ProcessInstance instance = start();
        assertThat(instance).hasPassed(Task.SEND_CONFIRMATION);
        confirm(instance);
        assertThat(instance).endedAt(Event.NOTHING_TO_CONFIRM).hasNotPassed(Task.SEND_WELCOME);
        verifyCalls(sendWelcome, 0, announceSubscriptionConfirmed, 0);
    }

    @Test
    void theBusinessKeyIsTheRequestIdAndTheVariablesHoldIdsAndPrimitivesOnly() {
        ProcessInstance instance = start();
        assertThat(instance).hasPassed(Task.SEND_CONFIRMATION);
        confirm(instance);
        assertThat(instance).isEnded();

        assertThat(UUID.fromString(instance.getBusinessKey())).isNotNull();
        Map<String, Object> variables = variables(instance);
        assertThat(variables).containsKeys(Var.ACCOUNT_ID, Var.SUBSCRIBER_ID, Var.SUBSCRIPTION_ID,
                Var.SUBSCRIPTION_CONFIRMED);
        // Read only in the starting transaction (the gateway after registering, the reminder's timer): transient.
        assertThat(variables).doesNotContainKeys(Var.SIGNUP_OUTCOME, Var.REMINDER_AFTER);
        assertThat(variables.values()).allSatisfy(value -> {
            assertThat(value).isInstanceOfAny(String.class, Boolean.class, Date.class);
            assertThat(String.valueOf(value)).doesNotContain("@");
        });
    }

    private ProcessInstance start() {
        return start(Date.from(Instant.now().plus(Duration.ofDays(7))));
    }

    private ProcessInstance start(Date expiresAt) {
        return engine.getRuntimeService().startProcessInstanceByKey(DoubleOptInProcess.ID,
                UUID.randomUUID().toString(), Map.of(
                        Var.ACCOUNT_ID, UUID.randomUUID().toString(),
                        Var.LIST_KEY, "news",
                        Var.CHANNEL, "EMAIL",
                        Var.REMINDER_AFTER, dev.consentflow.engine.Variables.transientText(Duration.ofDays(3).toString()),
                        Var.EXPIRES_AT, expiresAt));
    }

    private java.util.List<String> timers(ProcessInstance instance) {
        return java.util.stream.Stream.of(Event.REMINDER_DUE, Event.CONFIRMATION_EXPIRED_AFTER_REMINDER)
                .filter(id -> engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                        .timers().activityId(id).count() == 1)
                .toList();
    }

    private long jobs(ProcessInstance instance) {
        return engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).count();
    }

    private void confirm(ProcessInstance instance) {
        engine.getRuntimeService().createMessageCorrelation(DoubleOptInProcess.Message.CONFIRMATION_RECEIVED)
                .processInstanceId(instance.getId()).correlateWithResult();
    }

    private void registerReturns(SignupOutcome outcome) {
        Mocks.register("registerSignupDelegate", (JavaDelegate) (DelegateExecution e) -> {
            e.setVariable(Var.SIGNUP_OUTCOME, dev.consentflow.engine.Variables.transientText(outcome.name()));
            if (outcome != SignupOutcome.ERASED) {
                e.setVariable(Var.SUBSCRIBER_ID, subscriberId);
                e.setVariable(Var.SUBSCRIPTION_ID, subscriptionId);
            } else {
                e.setVariable(Var.TOMBSTONE_ID, tombstoneId);
            }
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

    private static void verifyCalls(Object... delegatesAndCounts) {
        for (int i = 0; i < delegatesAndCounts.length; i += 2) {
            JavaDelegate delegate = (JavaDelegate) delegatesAndCounts[i];
            int count = (Integer) delegatesAndCounts[i + 1];
            try {
                verify(delegate, count == 0 ? never() : times(count)).execute(any());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
