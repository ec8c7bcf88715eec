package dev.consentflow.consent;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The result of walking a chain: whether it holds, how many entries it has, the hash of its head (hex), and,
 * when it does not hold, the sequence number of the first entry that is missing, changed or out of place.
 * {@code fromCheckpoint} names the signed checkpoint the walk started from (null: from the first entry); the
 * entries before it were verified when the checkpoint was written, and the full re-verification walks them again.
 */
public record ChainVerification(boolean valid, long entries, String head,
                                @JsonInclude(JsonInclude.Include.NON_NULL) Long firstBrokenSeq,
                                @JsonInclude(JsonInclude.Include.NON_NULL) Checkpoint fromCheckpoint) {

    public ChainVerification(boolean valid, long entries, String head, Long firstBrokenSeq) {
        this(valid, entries, head, firstBrokenSeq, null);
    }

    /** A signed checkpoint: the chain held up to {@code seq} when it was written at {@code at}. */
    public record Checkpoint(long seq, Instant at) {
    }
}
