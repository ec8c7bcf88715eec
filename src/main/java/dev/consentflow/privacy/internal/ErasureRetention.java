package dev.consentflow.privacy.internal;

import dev.consentflow.contacts.Erasures;
import dev.consentflow.jobs.ScheduledJobs;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes tombstones, and their finished erasure requests, once their retention ended (see
 * {@link ErasureProperties}). Runs daily on one node at a time: the run holds an advisory lock, and a node that
 * does not get it skips the run.
 */
@Component
class ErasureRetention {

    private static final Logger log = LoggerFactory.getLogger(ErasureRetention.class);
    /** The advisory lock of the run ("erasure" in ASCII). */
    private static final long LOCK = 0x65726173757265L;
    private static final int MAX_BATCHES = 1000;

    private final ErasureProperties properties;
    private final Erasures contacts;
    private final ErasureRequestRepository requests;
    private final TransactionTemplate transactions;
    private final ScheduledJobs jobs;

    static final String JOB = "tombstone-purge";

    ErasureRetention(ErasureProperties properties, Erasures contacts, ErasureRequestRepository requests,
                     TransactionTemplate transactions, ScheduledJobs jobs) {
        this.jobs = jobs;
        jobs.declare(JOB, "removes tombstones and their erasure requests at the end of their retention");
        this.properties = properties;
        this.contacts = contacts;
        this.requests = requests;
        this.transactions = transactions;
    }

    @Scheduled(cron = "${consentflow.privacy.erasure.retention-cron:0 30 1 * * *}")
    void daily() {
        // Every node fires the cron; the first one runs it, and no other node again within half a day.
        jobs.runOnce(JOB, Duration.ofHours(12), () -> {
            int removed = removeExpired(Instant.now());
            if (removed > 0) {
                log.info("Removed {} tombstones at the end of their retention", removed);
            }
            return "tombstones=" + removed;
        });
    }

    /** Removes what expired by the given time, batch by batch; answers how many tombstones went. */
    int removeExpired(Instant now) {
        if (properties.tombstoneRetention() == null) {
            return 0;
        }
        Instant before = now.minus(properties.tombstoneRetention());
        int total = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            Integer removed = transactions.execute(status -> {
                if (!requests.tryLockRun(LOCK)) {
                    return -1;
                }
                requests.deleteFinishedBefore(before);
                return contacts.removeTombstones(before);
            });
            if (removed == null || removed <= 0) {
                break;
            }
            total += removed;
        }
        return total;
    }
}
