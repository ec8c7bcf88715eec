package dev.consentflow.bench;

import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;

/** The raw ceiling's one task: does nothing, so what is measured is the engine and the database. */
public class NoopDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        // nothing
    }
}
