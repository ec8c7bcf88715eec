package dev.consentflow.engine.internal;

/**
 * Marks the thread that serves an {@code /engine-rest} request for an API key ({@link EngineRestTenancyFilter}).
 * The server's own calls into the engine sign an account in too ({@link OperatonProcessRuntime} publishes messages
 * in the account's tenant), so the tenant alone does not tell a key from the platform: this does.
 */
final class KeyRequest {

    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    private KeyRequest() {
    }

    static void begin() {
        ACTIVE.set(Boolean.TRUE);
    }

    static void end() {
        ACTIVE.remove();
    }

    static boolean active() {
        return Boolean.TRUE.equals(ACTIVE.get());
    }
}
