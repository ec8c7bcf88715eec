package dev.consentflow.privacy.internal;

import static dev.consentflow.support.ProcessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.consentflow.engine.internal.TestProcessRuntimes;
import dev.consentflow.privacy.internal.ErasureProcess.Decision;
import dev.consentflow.privacy.internal.ErasureProcess.Event;
import dev.consentflow.privacy.internal.ErasureProcess.Task;
import dev.consentflow.privacy.internal.ErasureProcess.Var;
import dev.consentflow.support.ProcessTestEngine;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.operaton.bpm.engine.history.HistoricVariableInstance;
import org.operaton.bpm.engine.impl.mock.Mocks;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.task.IdentityLink;
import org.operaton.bpm.engine.test.Deployment;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;

/** Every path of {@code processes/gdpr-erasure.bpmn}, with the delegates replaced by mocks (or the real engine one). */
@Deployment(resources = {"processes/gdpr-erasure.bpmn", "forms/erasure-approval.form"})
class GdprErasureProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessTestEngine.extension();

    private static final Set<String> ID_VARIABLES = Set.of(Var.ACCOUNT_ID, Var.SUBSCRIBER_ID, Var.APPROVAL_REQUIRED, Var.ADMIN_GROUP,
            Var.DECISION, Var.ERASURE_APPROVED, Var.PROCESSES_ENDED, Var.MESSAGES_SUPPRESSED, Var.CONTACT_ERASED);

    private final String requestId = UUID.randomUUID().toString();
    private final String subscriberId = UUID.randomUUID().toString();
    private final UUID accountId = UUID.randomUUID();

    private final JavaDelegate checkErasureRequest = mock(JavaDelegate.class);
    private final JavaDelegate endPersonsProcesses = mock(JavaDelegate.class);
    private final JavaDelegate suppressPersonsMail = mock(JavaDelegate.class);
    private final JavaDelegate eraseContact = mock(JavaDelegate.class);
    private final JavaDelegate sealErasure = mock(JavaDelegate.class);
    private final ErasureOutcomes outcomes = mock(ErasureOutcomes.class);

    @BeforeEach
    void delegates() {
        Mocks.register("checkErasureRequestDelegate", checkErasureRequest);
        Mocks.register("endPersonsProcessesDelegate", endPersonsProcesses);
        Mocks.register("suppressPersonsMailDelegate", suppressPersonsMail);
        Mocks.register("eraseContactDelegate", eraseContact);
        Mocks.register("sealErasureDelegate", sealErasure);
        Mocks.register("recordErasureDecisionDelegate", new RecordErasureDecisionDelegate(outcomes));
        // The request holds the decision; here it takes the form's.
        when(outcomes.recordDecision(any(), any(), any())).thenAnswer(call -> call.getArgument(1));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void withoutApprovalTheErasureRunsInTheStartsOwnTransactionWithoutAJob() throws Exception {
        ProcessInstance instance = start(false);

        assertThat(instance).endedAt(Event.CONTACT_ERASED)
                .hasPassed(Task.CHECK_ERASURE_REQUEST, Task.END_PERSONS_PROCESSES, Task.SUPPRESS_PERSONS_MAIL,
                        Task.ERASE_CONTACT, Task.SEAL_ERASURE)
                .hasNotPassed(Task.APPROVE_ERASURE, Task.RECORD_ERASURE_DECISION, Event.ERASURE_APPROVED);
        InOrder order = inOrder(checkErasureRequest, endPersonsProcesses, suppressPersonsMail, eraseContact,
                sealErasure);
        order.verify(checkErasureRequest).execute(any());
        order.verify(endPersonsProcesses).execute(any());
        order.verify(suppressPersonsMail).execute(any());
        order.verify(eraseContact).execute(any());
        order.verify(sealErasure).execute(any());
        verify(outcomes, never()).recordDecision(any(), any(), any());
        assertIdsOnly(instance);
    }

    @Test
    void withApprovalNothingHappensUntilASecondPersonDecidesInTheTasklistForm() throws Exception {
        ProcessInstance instance = start(true);

        assertThat(instance).isWaitingAt(Task.APPROVE_ERASURE);
        var task = taskOf(instance);
        assertThat(task.getOperatonFormRef().getKey()).isEqualTo(ErasureProcess.APPROVAL_FORM);
        assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId())).extracting(IdentityLink::getGroupId)
                .containsExactly("account-admins-" + accountId);
        assertThat(task.getTenantId()).as("the account's task, as its keys see it").isEqualTo(accountId.toString());
        try (InputStream form = engine.getFormService().getDeployedTaskForm(task.getId())) {
            String json = new String(form.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(json).contains("\"id\": \"erasure-approval\"", "\"key\": \"erasureDecision\"", "APPROVED",
                    "REJECTED");
        }
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).count()).isZero();
        verifyNoErasureStep();
    }

    @Test
    void anApprovedErasureIsRecordedAndThenRuns() throws Exception {
        ProcessInstance instance = start(true);

        engine.getTaskService().complete(taskOf(instance).getId(), Map.of(Var.DECISION, "APPROVED"));

        assertThat(instance).hasPassed(Task.APPROVE_ERASURE, Task.RECORD_ERASURE_DECISION)
                .isWaitingAt(Event.ERASURE_APPROVED)
                .hasNotPassed(Task.CHECK_ERASURE_REQUEST)
                .executeJob(Event.ERASURE_APPROVED)
                .endedAt(Event.CONTACT_ERASED)
                .hasNotPassed(Event.ERASURE_REFUSED);
        InOrder order = inOrder(outcomes, checkErasureRequest, endPersonsProcesses, suppressPersonsMail, eraseContact,
                sealErasure);
        order.verify(outcomes).recordDecision(UUID.fromString(requestId), Decision.APPROVED, null);
        order.verify(checkErasureRequest).execute(any());
        order.verify(endPersonsProcesses).execute(any());
        order.verify(suppressPersonsMail).execute(any());
        order.verify(eraseContact).execute(any());
        order.verify(sealErasure).execute(any());
        assertIdsOnly(instance);
    }

    @Test
    void aRejectedErasureIsRecordedAndEndsWithoutErasingAnything() throws Exception {
        ProcessInstance instance = start(true);

        engine.getTaskService().complete(taskOf(instance).getId(), Map.of(Var.DECISION, "REJECTED"));

        assertThat(instance).endedAt(Event.ERASURE_REFUSED).hasPassed(Task.RECORD_ERASURE_DECISION)
                .hasNotPassed(Task.END_PERSONS_PROCESSES, Task.ERASE_CONTACT, Event.CONTACT_ERASED);
        verify(outcomes).recordDecision(UUID.fromString(requestId), Decision.REJECTED, null);
        verifyNoErasureStep();
    }

    @Test
    void aTaskCompletedInTheTasklistWithoutADecisionErasesNothingAndNamesTheEngineUser() throws Exception {
        ProcessInstance instance = start(true);

        // A tasklist user of the account: a member of its admins and of its tenant.
        engine.getIdentityService().setAuthentication("dpo", List.of("account-admins-" + accountId),
                List.of(accountId.toString()));
        try {
            engine.getTaskService().complete(taskOf(instance).getId());
        } finally {
            engine.getIdentityService().clearAuthentication();
        }

        assertThat(instance).endedAt(Event.ERASURE_REFUSED);
        verify(outcomes).recordDecision(UUID.fromString(requestId), Decision.REJECTED, "dpo");
        verifyNoErasureStep();
    }

    @Test
    void theRequestDecidesNotTheVariablesAnApprovalItRefusesLeavesTheTaskOpen() throws Exception {
        ProcessInstance instance = start(true);
        when(outcomes.recordDecision(any(), any(), any())).thenThrow(new IllegalStateException("nobody decided"));

        assertThatThrownBy(() -> engine.getTaskService().complete(taskOf(instance).getId(),
                Map.of(Var.DECISION, "APPROVED"))).hasMessageContaining("nobody decided");

        assertThat(instance).isWaitingAt(Task.APPROVE_ERASURE);
        verifyNoErasureStep();
    }

    @Test
    void anErasureTheRequestDoesNotAllowErasesNothingAndStartsNothing() throws Exception {
        org.mockito.Mockito.doThrow(new IllegalStateException("not this instance's request"))
                .when(checkErasureRequest).execute(any());

        assertThatThrownBy(() -> start(false)).hasMessageContaining("not this instance's request");

        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(requestId)
                .count()).isZero();
        verify(endPersonsProcesses, never()).execute(any());
        verify(eraseContact, never()).execute(any());
        verify(sealErasure, never()).execute(any());
    }

    @Test
    void anApprovedErasureTheRequestDoesNotAllowErasesNothing() throws Exception {
        ProcessInstance instance = start(true);
        engine.getTaskService().complete(taskOf(instance).getId(), Map.of(Var.DECISION, "APPROVED"));
        org.mockito.Mockito.doThrow(new IllegalStateException("not this instance's request"))
                .when(checkErasureRequest).execute(any());

        assertThatThrownBy(() -> assertThat(instance).executeJob(Event.ERASURE_APPROVED))
                .hasMessageContaining("not this instance's request");

        assertThat(instance).isWaitingAt(Event.ERASURE_APPROVED);
        verify(endPersonsProcesses, never()).execute(any());
        verify(eraseContact, never()).execute(any());
        verify(sealErasure, never()).execute(any());
    }

    @Test
    void thePersonsRunningAutomationAndDoubleOptInEndButNobodyElsesAndNotTheErasureItself() {
        ProcessEngine processEngine = ProcessTestEngine.get();
        Mocks.register("endPersonsProcessesDelegate",
                new EndPersonsProcessesDelegate(TestProcessRuntimes.on(processEngine)));
        List<Object> handedToSeal = new ArrayList<>();
        Mocks.register("sealErasureDelegate", (JavaDelegate) execution ->
                handedToSeal.add(execution.getVariable(Var.PROCESSES_ENDED)));
        String deployment = deployOthers(processEngine);
        try {
            var runtime = processEngine.getRuntimeService();
            String automation = runtime.startProcessInstanceByKey("erasure-test-automation",
                    Map.of(Var.SUBSCRIBER_ID, subscriberId)).getId();
            String doubleOptIn = runtime.startProcessInstanceByKey("erasure-test-double-opt-in",
                    Map.of(Var.SUBSCRIBER_ID, subscriberId)).getId();
            String someoneElses = runtime.startProcessInstanceByKey("erasure-test-automation",
                    Map.of(Var.SUBSCRIBER_ID, UUID.randomUUID().toString())).getId();
            ProcessInstance erasure = start(false);

            assertThat(erasure).endedAt(Event.CONTACT_ERASED);

            assertThat(runtime.createProcessInstanceQuery().processInstanceIds(Set.of(automation, doubleOptIn)).count())
                    .isZero();
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(someoneElses).count()).isOne();
            var history = processEngine.getHistoryService();
            assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(automation)
                    .activityId("Event_WaitedADay").singleResult().isCanceled()).isTrue();
            assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(doubleOptIn).singleResult()
                    .getDeleteReason()).isEqualTo("Ended by erasure request " + requestId);
            // The count reaches the sealing step (and so the ERASED audit entry), never the engine's tables.
            assertThat(handedToSeal).containsExactly(2);
            assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(erasure.getId())
                    .variableNameIn(Var.PROCESSES_ENDED, Var.MESSAGES_SUPPRESSED, Var.CONTACT_ERASED).count()).isZero();
        } finally {
            processEngine.getRepositoryService().deleteDeployment(deployment, true);
        }
    }

    private ProcessInstance start(boolean approvalRequired) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(Var.ACCOUNT_ID, accountId.toString());
        variables.put(Var.ADMIN_GROUP, "account-admins-" + accountId);
        variables.put(Var.SUBSCRIBER_ID, subscriberId);
        variables.put(Var.APPROVAL_REQUIRED, approvalRequired);
        ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(ErasureProcess.ID, requestId,
                variables);
        assertThat(instance.getBusinessKey()).isEqualTo(requestId);
        return instance;
    }

    private org.operaton.bpm.engine.task.Task taskOf(ProcessInstance instance) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(Task.APPROVE_ERASURE).initializeFormKeys().singleResult();
    }

    private void verifyNoErasureStep() throws Exception {
        verify(checkErasureRequest, never()).execute(any());
        verify(endPersonsProcesses, never()).execute(any());
        verify(suppressPersonsMail, never()).execute(any());
        verify(eraseContact, never()).execute(any());
        verify(sealErasure, never()).execute(any());
    }

    /** Engine data holds ids and primitives only: no address, no name, no reason. */
    private void assertIdsOnly(ProcessInstance instance) {
        List<HistoricVariableInstance> variables = engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).list();
        assertThat(variables).extracting(HistoricVariableInstance::getName).allMatch(ID_VARIABLES::contains)
                .contains(Var.SUBSCRIBER_ID);
        assertThat(variables).extracting(HistoricVariableInstance::getValue)
                .allMatch(value -> !(value instanceof String s) || s.indexOf('@') < 0 && s.length() <= 64);
    }

    /** A running automation (waiting for a day) and a double opt-in (waiting for a click) of some person. */
    private static String deployOthers(ProcessEngine processEngine) {
        BpmnModelInstance automation = Bpmn.createExecutableProcess("erasure-test-automation")
                .operatonHistoryTimeToLive(1)
                .startEvent("StartEvent_Subscribed")
                .intermediateCatchEvent("Event_WaitedADay").timerWithDuration("P1D")
                .endEvent("EndEvent_Done").done();
        BpmnModelInstance doubleOptIn = Bpmn.createExecutableProcess("erasure-test-double-opt-in")
                .operatonHistoryTimeToLive(1)
                .startEvent("StartEvent_SignupReceived")
                .intermediateCatchEvent("Event_ConfirmationReceived").message("test.confirmationReceived")
                .endEvent("EndEvent_Confirmed").done();
        return processEngine.getRepositoryService().createDeployment()
                .addModelInstance("erasure-test-automation.bpmn", automation)
                .addModelInstance("erasure-test-double-opt-in.bpmn", doubleOptIn).deploy().getId();
    }
}
