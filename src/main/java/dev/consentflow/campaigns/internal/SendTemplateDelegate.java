package dev.consentflow.campaigns.internal;

import dev.consentflow.campaigns.internal.AutomationTasks.Input;
import dev.consentflow.campaigns.internal.AutomationTasks.Var;
import dev.consentflow.engine.Variables;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Consentflow: Send a template": mails the account's template to the person under their subscription to the
 * flow's list; sets {@code mailSent}.
 */
@Component
class SendTemplateDelegate implements JavaDelegate {

    private final AutomationSteps steps;

    SendTemplateDelegate(AutomationSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(Var.MAIL_SENT, steps.sendTemplate(Variables.account(execution::getVariable),
                Var.subscriberId(execution::getVariable), Var.listKey(execution::getVariable),
                Input.text(execution::getVariable, Input.TEMPLATE_KEY), execution.getProcessInstanceId()));
    }
}
