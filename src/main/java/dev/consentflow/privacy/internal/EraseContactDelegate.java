package dev.consentflow.privacy.internal;

import dev.consentflow.contacts.Erasures;
import dev.consentflow.engine.Variables;
import dev.consentflow.privacy.internal.ErasureProcess.Var;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_EraseContact}: the card becomes the tombstone, its data key destroyed; the other modules forget
 * their rows of the person (see {@link dev.consentflow.contacts.ContactErased}). Whether it did is transient, for the
 * sealing step of this job.
 */
@Component
class EraseContactDelegate implements JavaDelegate {

    private final Erasures contacts;

    EraseContactDelegate(Erasures contacts) {
        this.contacts = contacts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean erased = contacts.erase(Variables.account(execution::getVariable),
                Var.subscriberId(execution::getVariable));
        execution.setVariable(Var.CONTACT_ERASED,
                org.operaton.bpm.engine.variable.Variables.booleanValue(erased, true));
    }
}
