package dev.consentflow.engine.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The per-account limit on running instances of the account's own flows ({@link FlowLimits#runningInstances()}).
 * Counted when a flow starts, in the starting transaction, so concurrent starts may pass it by a few: a bound on
 * runaway growth, not an exact quota.
 */
@Component
class FlowInstanceLimit {

    private static final Logger log = LoggerFactory.getLogger(FlowInstanceLimit.class);

    private final JdbcClient jdbc;
    private final long limit;
    private final Counter refused;

    FlowInstanceLimit(JdbcClient jdbc, FlowLimits limits, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.limit = limits.runningInstances();
        this.refused = Counter.builder("consentflow.engine.flow.starts.refused")
                .description("Starts of an account's own flows refused (through /engine-rest) or skipped (on a platform message) because the account runs as many instances as it may; the account is named in the log line")
                .register(meters);
    }

    /** Whether the account runs as many instances of its own flows as it may. */
    boolean reached(String account) {
        if (limit == 0) {
            return false;
        }
        long running = jdbc.sql(EngineSql.COUNT_RUNNING_FLOW_INSTANCES)
                .param("account", account).param("atMost", limit)
                .query(Long.class).single();
        return running >= limit;
    }

    /** Refuses a start of the account's flow at the limit: {@code 429} through {@code /engine-rest}. */
    void refuseAtLimit(String account, String processDefinitionId) {
        if (reached(account)) {
            refused(account, processDefinitionId, "refused");
            throw new FlowInstanceLimitReached(limit);
        }
    }

    /** Notes a start that did not happen because of the limit: log (ids only) and metric. */
    void refused(String account, String processDefinitionId, String how) {
        log.warn("Start of flow {} of account {} {}: the account runs its limit of {} flow instances",
                processDefinitionId, account, how, limit);
        refused.increment();
    }
}
