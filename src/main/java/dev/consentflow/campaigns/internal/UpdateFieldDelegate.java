package dev.consentflow.campaigns.internal;

import dev.consentflow.campaigns.internal.AutomationTasks.Input;
import dev.consentflow.campaigns.internal.AutomationTasks.Var;
import dev.consentflow.engine.Variables;
import org.operaton.bpm.engine.delegate.BpmnError;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Consentflow: Update a field": sets one custom field on the card to the template's value. An erased person
 * throws the BPMN error {@code CONTACT_ERASED}.
 */
@Component
class UpdateFieldDelegate implements JavaDelegate {

    private final AutomationSteps steps;

    UpdateFieldDelegate(AutomationSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object value = execution.getVariable(Input.FIELD_VALUE);
        if (!steps.updateField(Variables.account(execution::getVariable), Var.subscriberId(execution::getVariable),
                Input.text(execution::getVariable, Input.FIELD_NAME), value == null ? null : value.toString())) {
            throw new BpmnError(AutomationTasks.Error.CONTACT_ERASED, "the person was erased");
        }
    }
}
