package dev.consentflow.dispatch;

import dev.consentflow.accounts.AccountId;
import java.time.Instant;
import java.util.List;

/**
 * Implemented by the module that makes batches (campaigns): which batches' statistics are final, so that
 * dispatch's ledger retention may remove their messages from the outbox. Dispatch keeps each removed batch's counts
 * by state ({@link Dispatch#ledger}, {@link Dispatch#feedback} answer the same afterwards); the person's history
 * keeps every message ({@link DeliveryHistory}).
 */
public interface FinalBatches {

    /** A batch of the account, by its id (a campaign's id). */
    record Batch(AccountId account, String batchId) {
    }

    /**
     * Batches that became final (every message in an end state, the owner's counts written) before {@code before}
     * and whose messages are not removed yet, oldest first, at most {@code limit}.
     */
    List<Batch> finalBefore(Instant before, int limit);

    /** Dispatch removed the batch's messages, in the caller's transaction: it is not offered again. */
    void removed(Batch batch);
}
