package dev.consentflow.dispatch;

/**
 * Where a message is. {@code QUEUED}, {@code SENDING} and {@code SOFT_FAIL} are on the way; every message ends
 * in exactly one of the others, so {@code audience = SENT + HARD_FAIL + SUPPRESSED + EXPIRED + UNKNOWN}.
 */
public enum MessageState {
    QUEUED,
    SENDING,
    SOFT_FAIL,
    SENT,
    HARD_FAIL,
    SUPPRESSED,
    EXPIRED,
    UNKNOWN;

    public boolean isFinal() {
        return this == SENT || this == HARD_FAIL || this == SUPPRESSED || this == EXPIRED || this == UNKNOWN;
    }
}
