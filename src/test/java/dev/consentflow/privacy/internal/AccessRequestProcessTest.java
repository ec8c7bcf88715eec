package dev.consentflow.privacy.internal;

import static dev.consentflow.support.ProcessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.consentflow.privacy.internal.AccessRequestProcess.Event;
import dev.consentflow.privacy.internal.AccessRequestProcess.Task;
import dev.consentflow.privacy.internal.AccessRequestProcess.Var;
import dev.consentflow.support.ProcessTestEngine;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
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
import org.operaton.bpm.engine.task.IdentityLink;
import org.operaton.bpm.engine.test.Deployment;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;

/** Every path of {@code processes/access-request.bpmn}: delivered in time, overdue and escalated, late delivery. */
@Deployment(resources = "processes/access-request.bpmn")
class AccessRequestProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessTestEngine.extension();

    private final UUID accountId = UUID.randomUUID();
    private final Instant dueAt = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    private final JavaDelegate recordDelivery = mock(JavaDelegate.class);
    private final JavaDelegate escalate = mock(JavaDelegate.class);

    @BeforeEach
    void delegates() {
        Mocks.register("recordAccessDeliveryDelegate", recordDelivery);
        Mocks.register("escalateAccessRequestDelegate", escalate);
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void anAccessRequestWaitsForTheOfficersWithItsDueDate() {
        ProcessInstance instance = start();

        assertThat(instance).isWaitingAt(Task.DELIVER_PERSONAL_DATA);
        var task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(task.getDueDate()).isEqualTo(Date.from(dueAt));
        List<String> groups = engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
                .map(IdentityLink::getGroupId).toList();
        assertThat(groups).containsExactlyInAnyOrder("account-compliance-" + accountId, "account-admins-" + accountId);
        var timer = assertThat(instance).job(Event.DEADLINE_PASSED);
        assertThat(timer.getDuedate()).isEqualTo(Date.from(dueAt));
    }

    @Test
    void aDeliveryInTimeAnswersTheRequestWithoutEscalation() throws Exception {
        ProcessInstance instance = start();

        deliver(instance);

        assertThat(instance).hasPassed(Task.RECORD_DELIVERY).endedAt(Event.ACCESS_ANSWERED)
                .hasNotPassed(Task.ESCALATE);
        verify(recordDelivery, times(1)).execute(any());
        verify(escalate, never()).execute(any());
    }

    @Test
    void aPassedDueDateAlertsComplianceAndTheRequestStillWaitsForDelivery() throws Exception {
        ProcessInstance instance = start();

        assertThat(instance).executeJob(Event.DEADLINE_PASSED)
                .hasPassed(Task.ESCALATE, Event.COMPLIANCE_ALERTED)
                .isWaitingAt(Task.DELIVER_PERSONAL_DATA)
                .isNotEnded();
        verify(escalate, times(1)).execute(any());

        deliver(instance);
        assertThat(instance).endedAt(Event.ACCESS_ANSWERED);
        verify(recordDelivery, times(1)).execute(any());
    }

    private ProcessInstance start() {
        return engine.getRuntimeService().startProcessInstanceByKey(AccessRequestProcess.ID,
                UUID.randomUUID().toString(), Map.of(
                        Var.ACCOUNT_ID, accountId.toString(),
                        Var.SUBSCRIBER_ID, UUID.randomUUID().toString(),
                        Var.OFFICERS_GROUP, Var.officersGroup(accountId),
                        Var.DUE_AT, Date.from(dueAt)));
    }

    private void deliver(ProcessInstance instance) {
        var tasks = engine.getTaskService();
        var task = tasks.createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(Task.DELIVER_PERSONAL_DATA).singleResult();
        tasks.complete(task.getId(), Map.of(Var.DELIVERED_BY, "compliance:" + UUID.randomUUID()));
    }
}
