package dev.consentflow.privacy.internal;

import dev.consentflow.engine.ProcessRuntime;
import dev.consentflow.privacy.internal.ErasureProcess.Var;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.operaton.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * {@code Task_EndPersonsProcesses}: every other running instance that names the person (double opt-ins,
 * automation flows) ends, so none of them acts on the person again; their history keeps ids only. The count goes to
 * the sealing step of the same job as a transient variable: the ERASED audit entry records it, the engine's tables
 * never hold it (three variables written, and deleted at the end, were a tenth of an erasure's statements).
 */
@Component
class EndPersonsProcessesDelegate implements JavaDelegate {

    private final ProcessRuntime runtime;

    EndPersonsProcessesDelegate(ProcessRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int ended = runtime.endInstancesOf(Var.subscriberId(execution::getVariable).value(),
                "Ended by erasure request " + execution.getProcessBusinessKey(), execution.getProcessInstanceId());
        execution.setVariable(Var.PROCESSES_ENDED, Variables.integerValue(ended, true));
    }
}
