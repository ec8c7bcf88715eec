package dev.consentflow.engine.internal;

import java.util.ArrayList;
import org.operaton.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * One account's flows cannot starve the platform or other accounts ({@link FlowLimits}): the job executor
 * acquires by priority, then due date, and the platform's processes' jobs come first
 * ({@link PlatformFirstJobPriorities}); an account's flows run at most so many jobs per minute
 * ({@link FairJobExecutor}) and so many instances ({@link CountedFlowStarts}, {@link LimitedFlowStarts}).
 */
@Component
class FlowFairness extends AbstractProcessEnginePlugin {

    private final FlowInstanceLimit instances;

    FlowFairness(FlowInstanceLimit instances) {
        this.instances = instances;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setJobExecutorAcquireByPriority(true);
        configuration.setJobExecutorAcquireByDueDate(true);
        configuration.setJobPriorityProvider(new PlatformFirstJobPriorities());
        configuration.setCorrelationHandler(new LimitedFlowStarts(instances));
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<BpmnParseListener>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new CountedFlowStarts(instances));
    }
}
