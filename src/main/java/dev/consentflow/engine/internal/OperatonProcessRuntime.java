package dev.consentflow.engine.internal;

import dev.consentflow.engine.ProcessConflict;
import dev.consentflow.engine.ProcessRuntime;
import java.util.Map;
import org.operaton.bpm.engine.MismatchingMessageCorrelationException;
import org.operaton.bpm.engine.OptimisticLockingException;
import org.operaton.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** {@link ProcessRuntime} on Operaton's runtime service, joining the caller's Spring transaction. */
@Component
class OperatonProcessRuntime implements ProcessRuntime {

    private final RuntimeService runtime;

    OperatonProcessRuntime(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public String start(String processKey, String businessKey, Map<String, Object> variables) {
        try {
            return runtime.startProcessInstanceByKey(processKey, businessKey, ProcessVariables.checked(variables)).getId();
        } catch (OptimisticLockingException e) {
            throw new ProcessConflict("a concurrent change to " + processKey + " won", e);
        }
    }

    @Override
    public boolean correlate(String messageName, String processInstanceId, Map<String, Object> variables) {
        try {
            runtime.createMessageCorrelation(messageName)
                    .processInstanceId(processInstanceId)
                    .setVariables(ProcessVariables.checked(variables))
                    .correlateWithResult();
            return true;
        } catch (MismatchingMessageCorrelationException e) {
            return false;
        } catch (OptimisticLockingException e) {
            throw new ProcessConflict("a concurrent change to instance " + processInstanceId + " won", e);
        }
    }

    @Override
    public int publish(String messageName, String matchVariable, Object matchValue, Map<String, Object> variables) {
        return runtime.createMessageCorrelation(messageName)
                .processInstanceVariableEquals(matchVariable, ProcessVariables.checkedValue(matchVariable, matchValue))
                .setVariables(ProcessVariables.checked(variables))
                .correlateAllWithResult()
                .size();
    }
}
