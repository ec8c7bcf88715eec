package dev.consentflow.engine.internal;

/**
 * An account's flow was to start while the account already runs its limit of flow instances. Not a
 * {@code ProcessEngineException}, which Operaton's REST resources answer with {@code 500}: it passes through them
 * to {@link FlowInstanceLimitReachedMapper} ({@code 429}).
 */
class FlowInstanceLimitReached extends RuntimeException {

    private final long limit;

    FlowInstanceLimitReached(long limit) {
        super("The account runs its limit of " + limit + " flow instances (consentflow.engine.flow-limits."
                + "running-instances); end some before starting more");
        this.limit = limit;
    }

    long limit() {
        return limit;
    }
}
