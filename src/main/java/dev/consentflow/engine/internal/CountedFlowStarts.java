package dev.consentflow.engine.internal;

import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.ExecutionListener;
import org.operaton.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.operaton.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.operaton.bpm.engine.impl.util.xml.Element;

/**
 * Puts the instance limit on every start of an account's own flow, whichever way it starts (a key through
 * {@code /engine-rest}, a message, a timer, a call): a listener on the process's start, added when an account's
 * deployment is parsed (the platform's definitions have no tenant and get none), built in, so a start that
 * skips custom listeners does not skip it. The platform's own publications
 * skip a start at the limit before it begins ({@link LimitedFlowStarts}), so they never reach this refusal.
 */
final class CountedFlowStarts extends AbstractBpmnParseListener {

    private final FlowInstanceLimit limit;

    CountedFlowStarts(FlowInstanceLimit limit) {
        this.limit = limit;
    }

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity definition) {
        String account = definition.getTenantId();
        if (account != null) {
            definition.addBuiltInListener(ExecutionListener.EVENTNAME_START,
                    (ExecutionListener) execution -> refuseAtLimit(account, execution));
        }
    }

    private void refuseAtLimit(String account, DelegateExecution execution) {
        limit.refuseAtLimit(account, execution.getProcessDefinitionId());
    }
}
