package dev.consentflow.privacy.internal;

import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;

/**
 * A delegate that records a person's decision or action. Names who took it as the audit log names actors: the
 * API key that completed the task ({@code admin:<keyId>}, passed as a variable), or else the engine user who
 * completed it in the tasklist ({@code tasklist:<user>}).
 */
abstract class DecisionDelegate implements JavaDelegate {

    static String decidedBy(DelegateExecution execution, String variable) {
        Object by = execution.getVariable(variable);
        if (by != null) {
            return by.toString();
        }
        // A key through /engine-rest is signed in to the engine as its account, without a user id.
        var authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication == null || authentication.getUserId() == null ? "tasklist"
                : "tasklist:" + authentication.getUserId();
    }
}
