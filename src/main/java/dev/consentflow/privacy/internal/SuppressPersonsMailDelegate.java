package dev.consentflow.privacy.internal;

import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.privacy.internal.ErasureProcess.Var;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.operaton.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * {@code Task_SuppressPersonsMail}: every message to the person not handed to a relay yet ends SUPPRESSED, its
 * sealed content deleted. (Mail queued later, by a campaign racing the erasure, is suppressed at send time: the
 * recipient directory finds no address on a tombstone.) The count is transient, for the sealing step of this job.
 */
@Component
class SuppressPersonsMailDelegate implements JavaDelegate {

    private final Dispatch dispatch;

    SuppressPersonsMailDelegate(Dispatch dispatch) {
        this.dispatch = dispatch;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int suppressed = dispatch.suppressQueued(Var.account(execution::getVariable),
                Var.subscriberId(execution::getVariable).value());
        execution.setVariable(Var.MESSAGES_SUPPRESSED, Variables.integerValue(suppressed, true));
    }
}
