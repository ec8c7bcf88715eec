package dev.consentflow.campaigns.internal;

import static dev.consentflow.support.ProcessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.consentflow.support.ProcessTestEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.operaton.bpm.engine.delegate.BpmnError;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.operaton.bpm.engine.impl.mock.Mocks;
import org.operaton.bpm.engine.runtime.Job;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.test.Deployment;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;

/**
 * Every path of the example automation {@code processes/examples/welcome-series.bpmn}, built from the element
 * templates, with the automation delegates replaced by mocks that record what the templates handed them.
 */
@Deployment(resources = "processes/examples/welcome-series.bpmn")
class WelcomeSeriesProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessTestEngine.extension();

    private final String subscriberId = UUID.randomUUID().toString();
    private final List<String> calls = new ArrayList<>();
    private boolean engaged;
    private boolean erased;

    @BeforeEach
    void delegates() {
        Mocks.register("sendTemplateDelegate", (JavaDelegate) e -> {
            calls.add("send " + e.getVariable(AutomationTasks.Input.TEMPLATE_KEY) + " on "
                    + e.getVariable(AutomationTasks.Var.LIST_KEY));
            e.setVariable(AutomationTasks.Var.MAIL_SENT, true);
        });
        Mocks.register("checkEngagementDelegate", (JavaDelegate) e -> {
            calls.add("engagement within " + e.getVariable(AutomationTasks.Input.ENGAGEMENT_WINDOW));
            e.setVariable(AutomationTasks.Var.ENGAGED, engaged);
        });
        Mocks.register("addToListDelegate", (JavaDelegate) e -> {
            if (erased) {
                throw new BpmnError(AutomationTasks.Error.CONTACT_ERASED);
            }
            calls.add("add to " + e.getVariable(AutomationTasks.Input.TARGET_LIST_KEY));
        });
        Mocks.register("updateFieldDelegate", (JavaDelegate) e -> calls.add("set "
                + e.getVariable(AutomationTasks.Input.FIELD_NAME) + "=" + e.getVariable(AutomationTasks.Input.FIELD_VALUE)));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void anEngagedPersonIsInvitedToTheOffersListAndMarkedAfterTheWelcomeMail() {
        engaged = true;
        ProcessInstance instance = confirmed();
        assertThat(instance).isWaitingAt("Event_WelcomeDelayPassed");
        assertThat(dueIn(instance, "Event_WelcomeDelayPassed")).as("the wait template's duration")
                .isCloseTo(Duration.ofDays(1).toSeconds(), within(120L));

        assertThat(instance).executeJob("Event_WelcomeDelayPassed").hasPassed("Task_SendWelcomeMail")
                .isWaitingAt("Event_EngagementWindowPassed");
        assertThat(dueIn(instance, "Event_EngagementWindowPassed")).isCloseTo(Duration.ofDays(7).toSeconds(),
                within(120L));
        assertThat(instance).executeJob("Event_EngagementWindowPassed")
                .endedAt("EndEvent_SeriesFinished")
                .hasPassed("Task_CheckEngagement", "Task_AddToOffers", "Task_MarkAsEngaged")
                .hasNotPassed("Task_SendReminderMail");
        assertThat(calls).containsExactly("send welcome-series on news", "engagement within P7D", "add to offers",
                "set segment=engaged");
    }

    @Test
    void aPersonWhoDidNotEngageGetsTheReminderInstead() {
        ProcessInstance instance = confirmed();
        assertThat(instance).executeJob("Event_WelcomeDelayPassed").executeJob("Event_EngagementWindowPassed")
                .endedAt("EndEvent_ReminderSent")
                .hasNotPassed("Task_AddToOffers", "Task_MarkAsEngaged");
        assertThat(calls).containsExactly("send welcome-series on news", "engagement within P7D",
                "send welcome-reminder on news");
    }

    @Test
    void anErasedPersonIsNeitherAddedNorChanged() {
        engaged = true;
        erased = true;
        ProcessInstance instance = confirmed();
        assertThat(instance).executeJob("Event_WelcomeDelayPassed").executeJob("Event_EngagementWindowPassed")
                .endedAt("EndEvent_SeriesAbandoned")
                .hasNotPassed("Task_MarkAsEngaged", "EndEvent_SeriesFinished");
        assertThat(calls).noneMatch(c -> c.startsWith("add") || c.startsWith("set"));
    }

    @Test
    void unsubscribingFromTheListStopsTheSeriesAtOnceButAnotherListDoesNot() {
        ProcessInstance instance = confirmed();
        engine.getRuntimeService().createMessageCorrelation("subscription.unsubscribed")
                .processInstanceVariablesEqual(Map.of("subscriberId", subscriberId, "listKey", "other"))
                .correlateAll();
        assertThat(instance).isWaitingAt("Event_WelcomeDelayPassed");

        assertThat(instance).executeJob("Event_WelcomeDelayPassed").isWaitingAt("Event_EngagementWindowPassed");
        engine.getRuntimeService().createMessageCorrelation("subscription.unsubscribed")
                .processInstanceVariablesEqual(Map.of("subscriberId", subscriberId, "listKey", "news"))
                .correlateAll();
        assertThat(instance).endedAt("EndEvent_AutomationStopped").hasNotPassed("Task_CheckEngagement");
        assertThat(calls).containsExactly("send welcome-series on news");
    }

    private ProcessInstance confirmed() {
        return engine.getRuntimeService().startProcessInstanceByMessage("subscription.confirmed", Map.of(
                "accountId", UUID.randomUUID().toString(), "subscriberId", subscriberId,
                "subscriptionId", UUID.randomUUID().toString(), "listKey", "news"));
    }

    private long dueIn(ProcessInstance instance, String activityId) {
        Job timer = assertThat(instance).job(activityId);
        return Duration.between(Instant.now(), timer.getDuedate().toInstant()).toSeconds();
    }
}
