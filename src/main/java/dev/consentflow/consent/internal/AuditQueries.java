package dev.consentflow.consent.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.consent.AuditRecord;
import dev.consentflow.consent.AuditTrail;
import dev.consentflow.consent.ChainVerification;
import dev.consentflow.consent.ProcessStepRecord;
import dev.consentflow.consent.TimelineEntry;
import dev.consentflow.engine.ProcessHistory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads an account's chain, and verifies it by walking it page by page. */
@Component
class AuditQueries implements AuditTrail {

    private static final int PAGE = 1000;

    private final AuditRowRepository rows;
    private final AuditHeadRepository heads;
    private final ObjectProvider<ProcessHistory> history;

    AuditQueries(AuditRowRepository rows, AuditHeadRepository heads, ObjectProvider<ProcessHistory> history) {
        this.rows = rows;
        this.heads = heads;
        this.history = history;
    }

    @Override
    @Transactional(readOnly = true)
    public List<AuditRecord> ofSubscriber(AccountId account, UUID subscriberId) {
        return rows.ofSubscriber(chain(account), subscriberId).stream().map(AuditQueries::record).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<TimelineEntry> timelineOf(AccountId account, UUID subscriberId) {
        List<TimelineEntry> timeline = new ArrayList<>(ofSubscriber(account, subscriberId));
        ProcessHistory engine = history.getIfAvailable();
        if (engine != null) {
            engine.stepsFor(subscriberId).forEach(step -> timeline.add(new ProcessStepRecord(step.startedAt(),
                    step.processKey(), step.processInstanceId(), step.activityId(), step.activityName(),
                    step.activityType(), step.endedAt(), step.outcome())));
        }
        // A stable sort: entries of one instant keep their order (the chain's, then the engine's).
        timeline.sort(Comparator.comparing(TimelineEntry::at, Comparator.nullsLast(Comparator.naturalOrder())));
        return timeline;
    }

    @Override
    @Transactional(readOnly = true)
    public List<AuditRecord> search(AccountId account, Query query) {
        return rows.search(chain(account), query.action() == null ? null : query.action().name(), query.from(),
                        query.to(), query.afterSeq() == null ? 0 : query.afterSeq(), query.limit())
                .stream().map(AuditQueries::record).toList();
    }

    /**
     * A repeatable-read snapshot, so entries appended while the walk runs neither break it nor get half-seen:
     * the walk checks the chain as it stood when it began.
     */
    @Override
    @Transactional(readOnly = true, isolation = org.springframework.transaction.annotation.Isolation.REPEATABLE_READ)
    public ChainVerification verify(AccountId account) {
        UUID chain = chain(account);
        long entries = rows.count(chain);
        AuditHead head = heads.findById(chain).orElse(new AuditHead(chain, 0, null));
        long expected = 1;
        byte[] previous = null;
        for (List<AuditRow> page = rows.page(chain, 0, PAGE); !page.isEmpty();
                page = rows.page(chain, expected - 1, PAGE)) {
            for (AuditRow row : page) {
                if (row.seq() != expected || !Arrays.equals(row.prevHash(), previous)
                        || !Arrays.equals(row.hash(), CanonicalEntry.hash(row))) {
                    return broken(entries, head, expected);
                }
                previous = row.hash();
                expected++;
            }
        }
        // The head remembers how long the chain was: a removed tail, or a row added without it, shows here.
        if (head.seq() != expected - 1 || !Arrays.equals(head.hash(), previous)) {
            return broken(entries, head, Math.min(head.seq(), expected - 1) + 1);
        }
        return new ChainVerification(true, entries, CanonicalEntry.hex(head.hash()), null);
    }

    private static ChainVerification broken(long entries, AuditHead head, long seq) {
        return new ChainVerification(false, entries, CanonicalEntry.hex(head.hash()), seq);
    }

    private static UUID chain(AccountId account) {
        return account == null ? ChainedAuditLog.PLATFORM_CHAIN : account.value();
    }

    private static AuditRecord record(AuditRow row) {
        return new AuditRecord(row.seq(), row.at(), row.subscriberId(), row.action(), row.actor(),
                CanonicalEntry.parseDetail(row.detail()), row.processInstanceId(), CanonicalEntry.hex(row.hash()),
                CanonicalEntry.hex(row.prevHash()));
    }
}
