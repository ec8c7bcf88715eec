package dev.consentflow.consent;

import dev.consentflow.accounts.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reads and verifies the audit log: for the contacts, privacy and compliance screens. */
public interface AuditTrail {

    /** The entries about one person in an account, oldest first. */
    List<AuditRecord> ofSubscriber(AccountId account, UUID subscriberId);

    /**
     * One person's timeline for compliance officers: their audit entries joined with every step of every process
     * that carried their subscriber id (the engine's history), oldest first. Works for a tombstone too: both keep
     * ids only. Where the account's engine history retention removed older steps, one {@link ProcessStepsRemoved}
     * at the cut-off says so, when the person's entries reach back before it.
     */
    List<TimelineEntry> timelineOf(AccountId account, UUID subscriberId);

    /** The entries of an account that match, oldest first, at most {@code query.limit()}. */
    List<AuditRecord> search(AccountId account, Query query);

    /**
     * Walks an account's chain (or the platform's, for {@code null}) from its newest signed checkpoint (or its
     * first entry) to its head and recomputes every hash: any changed, removed, inserted or reordered entry after
     * the checkpoint makes it invalid, at the first entry that does not hold; so does a rewritten chain before it
     * (the checkpoint's entry no longer has the signed hash). The full re-verification walks from the first entry.
     */
    ChainVerification verify(AccountId account);

    /**
     * What to look for; every part may be null.
     *
     * @param action   only this action
     * @param from     at or after this time
     * @param to       before this time
     * @param afterSeq only entries after this one (paging)
     * @param limit    at most this many
     */
    record Query(AuditAction action, Instant from, Instant to, Long afterSeq, int limit) {
    }
}
