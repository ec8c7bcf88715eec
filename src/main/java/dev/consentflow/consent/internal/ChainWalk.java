package dev.consentflow.consent.internal;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * One walk along a chain, fed its entries in order: each must have the next seq, link to the hash before it and
 * hash to its own hash; every checkpoint on the way must be signed by us and name the hash the entry at its seq
 * has. The first entry that does not hold ends the walk. A walk may start after a checkpoint (its hash is then
 * the hash before the first entry it is fed).
 */
final class ChainWalk {

    private final Iterator<AuditCheckpoint> checkpoints;
    private final Predicate<AuditCheckpoint> signed;
    private AuditCheckpoint nextCheckpoint;
    private long expected;
    private byte[] previous;
    private Long firstBroken;
    private int checkpointsChecked;

    ChainWalk(long afterSeq, byte[] previous, List<AuditCheckpoint> checkpointsOnTheWay,
              Predicate<AuditCheckpoint> signed) {
        this.expected = afterSeq + 1;
        this.previous = previous;
        this.checkpoints = checkpointsOnTheWay.stream().filter(c -> c.seq() > afterSeq).iterator();
        this.signed = signed;
        this.nextCheckpoint = checkpoints.hasNext() ? checkpoints.next() : null;
    }

    /** Checks the next entry; answers false once the chain is broken. */
    boolean accept(AuditRow row) {
        if (firstBroken != null) {
            return false;
        }
        if (row.seq() != expected || !Arrays.equals(row.prevHash(), previous)
                || !Arrays.equals(row.hash(), CanonicalEntry.hash(row))) {
            firstBroken = expected;
            return false;
        }
        while (nextCheckpoint != null && nextCheckpoint.seq() <= row.seq()) {
            if (nextCheckpoint.seq() == row.seq()
                    && (!signed.test(nextCheckpoint) || !Arrays.equals(nextCheckpoint.hash(), row.hash()))) {
                firstBroken = row.seq();
                return false;
            }
            checkpointsChecked++;
            nextCheckpoint = checkpoints.hasNext() ? checkpoints.next() : null;
        }
        previous = row.hash();
        expected++;
        return true;
    }

    /** After the last entry: the head must name it (a removed tail, or a row added without it, shows here). */
    boolean endsAt(AuditHead head) {
        if (firstBroken != null) {
            return false;
        }
        if (head.seq() != expected - 1 || !Arrays.equals(head.hash(), previous)) {
            firstBroken = Math.min(head.seq(), expected - 1) + 1;
            return false;
        }
        return true;
    }

    /** The hash of the last entry checked (a walk resumed after it starts from it), or null before the first. */
    byte[] lastHash() {
        return previous;
    }

    /** The seq of the last entry checked. */
    long lastSeq() {
        return expected - 1;
    }

    Long firstBroken() {
        return firstBroken;
    }

    int checkpointsChecked() {
        return checkpointsChecked;
    }
}
