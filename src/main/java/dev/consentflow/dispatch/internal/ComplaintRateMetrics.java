package dev.consentflow.dispatch.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * {@code consentflow_dispatch_complaint_ratio{account="<id>"}} on {@code /actuator/prometheus}: each account's
 * complaints per message handed to the relay over the last 30 days (Gmail and Yahoo want it under 0.3 %, better
 * 0.1 %). The database is asked every {@code consentflow.bounce.rate-refresh}, by every node (each reports the
 * same); an account that sent nothing in 30 days has no series.
 */
@Component
class ComplaintRateMetrics implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ComplaintRateMetrics.class);

    private final FeedbackStore store;
    private final BounceProperties properties;
    private final MultiGauge gauge;
    private ScheduledExecutorService scheduler;
    private volatile boolean running;

    ComplaintRateMetrics(FeedbackStore store, BounceProperties properties, MeterRegistry registry) {
        this.store = store;
        this.properties = properties;
        this.gauge = MultiGauge.builder("consentflow.dispatch.complaint.ratio")
                .description("Complaints (spam reports) per mail handed to the relay over the last 30 days, by "
                        + "account")
                .register(registry);
    }

    /** Computes every account's rate now. */
    void refresh() {
        gauge.register(store.complaintRates().entrySet().stream()
                .map(rate -> MultiGauge.Row.of(Tags.of("account", rate.getKey().toString()), rate.getValue()))
                .toList(), true);
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "complaint-rate"));
        long every = properties.rateRefresh().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                log.warn("Computing the complaint rates failed: {}", e.toString());
            }
        }, 0, every, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        gauge.register(List.of(), true);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
