package dev.consentflow.dispatch.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code consentflow.dispatch.ledger.*}: how long messages stay in the outbox once final.
 *
 * @param retention how long a campaign stays final before its messages leave the outbox, and how long a single
 *                  message (confirmation, welcome, automation mail) stays after its final state
 *                  ({@code CONSENTFLOW_DISPATCH_LEDGER_RETENTION}); at least 30 days, because an account's complaint
 *                  rate counts the messages it handed to the relay over the last 30 days from the outbox
 * @param chunk     messages removed per transaction
 */
@ConfigurationProperties("consentflow.dispatch.ledger")
record LedgerRetentionProperties(@DefaultValue("P30D") Duration retention, @DefaultValue("5000") int chunk) {

    static final Duration COMPLAINT_WINDOW = Duration.ofDays(30);

    LedgerRetentionProperties {
        if (retention == null || retention.compareTo(COMPLAINT_WINDOW) < 0) {
            throw new IllegalStateException("CONSENTFLOW_DISPATCH_LEDGER_RETENTION must be at least P30D, not "
                    + retention + ": an account's complaint rate counts the messages handed to the relay over the last "
                    + "30 days from the outbox");
        }
        if (chunk < 1) {
            throw new IllegalStateException("consentflow.dispatch.ledger.chunk must be at least 1");
        }
    }
}
