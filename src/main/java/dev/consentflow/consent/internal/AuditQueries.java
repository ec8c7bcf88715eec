package dev.consentflow.consent.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.consent.AuditRecord;
import dev.consentflow.consent.AuditTrail;
import dev.consentflow.consent.ChainVerification;
import dev.consentflow.consent.ProcessStepRecord;
import dev.consentflow.consent.ProcessStepsRemoved;
import dev.consentflow.consent.TimelineEntry;
import dev.consentflow.engine.HistoryRetention;
import dev.consentflow.engine.ProcessHistory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads an account's chain, and verifies it by walking it page by page. Every read first chains the entries that
 * were committed and still wait to be chained (see {@link AuditChainer}), so it sees every committed entry.
 */
@Component
class AuditQueries implements AuditTrail {

    private final AuditRowRepository rows;
    private final ChainVerifier verifier;
    private final ProcessHistory history;
    private final HistoryRetention retention;

    private final AuditChainer chainer;
    private final TransactionTemplate read;
    private final TransactionTemplate snapshot;

    AuditQueries(AuditRowRepository rows, ChainVerifier verifier, ProcessHistory history, HistoryRetention retention,
                 AuditChainer chainer, PlatformTransactionManager transactionManager) {
        this.rows = rows;
        this.verifier = verifier;
        this.history = history;
        this.retention = retention;
        this.chainer = chainer;
        this.read = new TransactionTemplate(transactionManager);
        this.read.setReadOnly(true);
        // A repeatable-read snapshot, so entries chained while a walk runs neither break it nor get half-seen.
        this.snapshot = new TransactionTemplate(transactionManager);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    @Override
    public List<AuditRecord> ofSubscriber(AccountId account, UUID subscriberId) {
        UUID chain = chained(account);
        return read.execute(status -> rows.ofSubscriber(chain, subscriberId).stream().map(AuditQueries::record)
                .toList());
    }

    @Override
    public List<TimelineEntry> timelineOf(AccountId account, UUID subscriberId) {
        List<TimelineEntry> timeline = new ArrayList<>(ofSubscriber(account, subscriberId));
        // Where the engine's history was cut: said once, when the person's timeline reaches back before it.
        HistoryRetention.Period kept = retention.of(account);
        if (kept.removedBefore() != null && timeline.stream().anyMatch(e -> e.at().isBefore(kept.removedBefore()))) {
            timeline.add(new ProcessStepsRemoved(kept.removedBefore(), kept.months()));
        }
        history.stepsFor(subscriberId).forEach(step -> timeline.add(new ProcessStepRecord(step.startedAt(),
                step.processKey(), step.processInstanceId(), step.activityId(), step.activityName(),
                step.activityType(), step.endedAt(), step.outcome())));
        // A stable sort: entries of one instant keep their order (the chain's, then the engine's).
        timeline.sort(Comparator.comparing(TimelineEntry::at, Comparator.nullsLast(Comparator.naturalOrder())));
        return timeline;
    }

    @Override
    public List<AuditRecord> search(AccountId account, Query query) {
        UUID chain = chained(account);
        return read.execute(status -> rows.search(chain, query.action() == null ? null : query.action().name(),
                        query.from(), query.to(), query.afterSeq() == null ? 0 : query.afterSeq(), query.limit())
                .stream().map(AuditQueries::record).toList());
    }

    /**
     * In a repeatable-read snapshot: the walk checks the chain as it stood when it began, from its newest signed
     * checkpoint.
     */
    @Override
    public ChainVerification verify(AccountId account) {
        UUID chain = chained(account);
        return snapshot.execute(status -> verifier.fromNewestCheckpoint(chain));
    }

    /** The account's chain, with what was committed and waited chained into it. */
    UUID chained(AccountId account) {
        UUID chain = account == null ? ChainedAuditLog.PLATFORM_CHAIN : account.value();
        chainer.chain(chain);
        return chain;
    }

    private static AuditRecord record(AuditRow row) {
        return new AuditRecord(row.seq(), row.at(), row.subscriberId(), row.action(), row.actor(),
                CanonicalEntry.parseDetail(row.detail()), row.processInstanceId(), CanonicalEntry.hex(row.hash()),
                CanonicalEntry.hex(row.prevHash()));
    }
}
