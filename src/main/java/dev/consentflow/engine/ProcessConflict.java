package dev.consentflow.engine;

/**
 * Another transaction changed the same process instance first (the engine's optimistic locking). Nothing of the
 * losing transaction may commit; running it again, from the start, is safe.
 */
public class ProcessConflict extends RuntimeException {

    public ProcessConflict(String message, Throwable cause) {
        super(message, cause);
    }
}
