package dev.consentflow.campaigns.internal;

import dev.consentflow.campaigns.internal.AutomationTasks.Input;
import dev.consentflow.campaigns.internal.AutomationTasks.Var;
import dev.consentflow.engine.Variables;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Consentflow: Branch on engagement": sets {@code engaged} to whether the person opened or clicked any mail
 * within the window, for a gateway's condition {@code ${engaged}}.
 */
@Component
class CheckEngagementDelegate implements JavaDelegate {

    private final AutomationSteps steps;

    CheckEngagementDelegate(AutomationSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(Var.ENGAGED, steps.engaged(Variables.account(execution::getVariable),
                Var.subscriberId(execution::getVariable),
                Input.duration(execution::getVariable, Input.ENGAGEMENT_WINDOW)));
    }
}
