package dev.consentflow.engine.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much of the shared engine one account's own flows (the BPMN it deploys) may take, so that a runaway flow
 * never starves the platform's processes or other accounts' flows. Zero means no limit.
 *
 * @param jobsPerMinute     jobs of one account's flows executed per minute, all nodes together; a job over the
 *                          limit is postponed to a later window, never failed
 * @param window            the counting window; the limit scales with it (tests shorten it)
 * @param runningInstances  running instances of one account's flows; one more start is refused (a key's start) or
 *                          skipped and logged (the platform's {@code subscription.confirmed})
 */
@ConfigurationProperties("consentflow.engine.flow-limits")
record FlowLimits(@DefaultValue("600") int jobsPerMinute, @DefaultValue("PT1M") Duration window,
                  @DefaultValue("100000") long runningInstances) {

    FlowLimits {
        if (jobsPerMinute < 0 || runningInstances < 0) {
            throw new IllegalArgumentException("flow limits cannot be negative");
        }
        if (window.isNegative() || window.toMillis() < 1000) {
            throw new IllegalArgumentException("the flow job window must be at least a second");
        }
    }

    /** The job rate over the window with its share of {@link #jobsPerMinute}, or null when jobs are not limited. */
    JobRate jobRate() {
        if (jobsPerMinute == 0) {
            return null;
        }
        long perWindow = Math.max(1, Math.round(jobsPerMinute * (window.toMillis() / 60_000.0)));
        return new JobRate(window, perWindow);
    }
}
