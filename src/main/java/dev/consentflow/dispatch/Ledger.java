package dev.consentflow.dispatch;

/** How the messages of one batch stand: the counts add up to {@link #audience()}. */
public record Ledger(String batchId, long queued, long sending, long softFailed, long sent, long hardFailed,
                     long suppressed, long expired, long unknown) {

    public long audience() {
        return queued + sending + softFailed + sent + hardFailed + suppressed + expired + unknown;
    }

    /** Every message has reached an end state. */
    public boolean isClosed() {
        return queued == 0 && sending == 0 && softFailed == 0;
    }
}
