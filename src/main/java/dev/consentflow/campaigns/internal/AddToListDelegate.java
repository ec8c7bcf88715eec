package dev.consentflow.campaigns.internal;

import dev.consentflow.campaigns.internal.AutomationTasks.Input;
import dev.consentflow.campaigns.internal.AutomationTasks.Var;
import dev.consentflow.contacts.ListJoin;
import dev.consentflow.engine.Variables;
import org.operaton.bpm.engine.delegate.BpmnError;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Consentflow: Add to a list": a double opt-in for another list, unless the person is on it already. An erased
 * person throws the BPMN error {@code CONTACT_ERASED}, which the flow may catch.
 */
@Component
class AddToListDelegate implements JavaDelegate {

    private final AutomationSteps steps;

    AddToListDelegate(AutomationSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ListJoin join = steps.addToList(Variables.account(execution::getVariable),
                Var.subscriberId(execution::getVariable),
                Input.text(execution::getVariable, Input.TARGET_LIST_KEY));
        if (join instanceof ListJoin.Erased) {
            throw new BpmnError(AutomationTasks.Error.CONTACT_ERASED, "the person was erased");
        }
    }
}
