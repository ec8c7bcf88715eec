package dev.consentflow.privacy.internal;

import static dev.consentflow.support.ProcessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.ArgumentMatchers.any;

import dev.consentflow.privacy.internal.ExportApprovalProcess.Event;
import dev.consentflow.privacy.internal.ExportApprovalProcess.Task;
import dev.consentflow.privacy.internal.ExportApprovalProcess.Var;
import dev.consentflow.support.ProcessTestEngine;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.operaton.bpm.engine.impl.mock.Mocks;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.task.IdentityLink;
import org.operaton.bpm.engine.test.Deployment;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;

/** Every path of {@code processes/export-approval.bpmn}: approved, rejected, undecided, and a release running out. */
@Deployment(resources = {"processes/export-approval.bpmn", "forms/export-approval.form"})
class ExportApprovalProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessTestEngine.extension();

    private final UUID accountId = UUID.randomUUID();
    private final JavaDelegate releaseExport = mock(JavaDelegate.class);
    private final JavaDelegate recordRejection = mock(JavaDelegate.class);
    private final JavaDelegate expireRequest = mock(JavaDelegate.class);
    private final JavaDelegate closeRelease = mock(JavaDelegate.class);

    @BeforeEach
    void delegates() {
        Mocks.register("releaseExportDelegate", releaseExport);
        Mocks.register("recordExportRejectionDelegate", recordRejection);
        Mocks.register("expireExportRequestDelegate", expireRequest);
        Mocks.register("closeExportReleaseDelegate", closeRelease);
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void anExportRequestWaitsForTheAccountsAdmins() {
        ProcessInstance instance = start();

        assertThat(instance).hasPassed(Event.EXPORT_REQUESTED).isWaitingAt(Task.DECIDE_ON_EXPORT);
        TaskService tasks = engine.getTaskService();
        var task = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        List<String> groups = tasks.getIdentityLinksForTask(task.getId()).stream()
                .map(IdentityLink::getGroupId).toList();
        assertThat(groups).containsExactly(Var.adminGroup(accountId));
        assertThat(task.getName()).isEqualTo("Decide on export request");
        assertThat(instance.getBusinessKey()).doesNotContain("@");
    }

    @Test
    void anApprovedExportIsReleasedUntilItsWindowRunsOut() throws Exception {
        ProcessInstance instance = start();

        decide(instance, true);

        assertThat(instance).hasPassed(Task.RELEASE_EXPORT).isWaitingAt(Event.RELEASE_RAN_OUT)
                .hasNotPassed(Task.RECORD_REJECTION);
        verify(releaseExport, times(1)).execute(any());
        verify(closeRelease, never()).execute(any());

        assertThat(instance).executeJob(Event.RELEASE_RAN_OUT)
                .hasPassed(Task.CLOSE_RELEASE)
                .endedAt(Event.RELEASE_CLOSED);
        verify(closeRelease, times(1)).execute(any());
        verify(recordRejection, never()).execute(any());
        verify(expireRequest, never()).execute(any());
    }

    @Test
    void aRejectedExportIsNeverReleased() throws Exception {
        ProcessInstance instance = start();

        decide(instance, false);

        assertThat(instance).hasPassed(Task.RECORD_REJECTION).endedAt(Event.EXPORT_REFUSED)
                .hasNotPassed(Task.RELEASE_EXPORT, Task.CLOSE_RELEASE);
        verify(recordRejection, times(1)).execute(any());
        verify(releaseExport, never()).execute(any());
    }

    @Test
    void aRequestNobodyDecidesExpiresUnreleased() throws Exception {
        ProcessInstance instance = start();

        assertThat(instance).executeJob(Event.DECISION_OVERDUE)
                .hasPassed(Task.EXPIRE_REQUEST)
                .endedAt(Event.REQUEST_EXPIRED)
                .hasNotPassed(Task.RELEASE_EXPORT, Task.RECORD_REJECTION);
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
        verify(expireRequest, times(1)).execute(any());
        verify(releaseExport, never()).execute(any());
    }

    private ProcessInstance start() {
        return engine.getRuntimeService().startProcessInstanceByKey(ExportApprovalProcess.ID,
                UUID.randomUUID().toString(), Map.of(
                        Var.ACCOUNT_ID, accountId.toString(),
                        Var.ADMIN_GROUP, Var.adminGroup(accountId),
                        Var.DECISION_TIMEOUT, "P14D",
                        Var.RELEASE_VALID_FOR, "P7D"));
    }

    private void decide(ProcessInstance instance, boolean approved) {
        TaskService tasks = engine.getTaskService();
        var task = tasks.createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(Task.DECIDE_ON_EXPORT).singleResult();
        tasks.complete(task.getId(), Map.of(Var.APPROVED, approved, Var.DECIDED_BY, "admin:" + UUID.randomUUID()));
    }
}
