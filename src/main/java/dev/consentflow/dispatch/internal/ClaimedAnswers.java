package dev.consentflow.dispatch.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.Recipient;
import dev.consentflow.dispatch.RecipientDirectory;
import dev.consentflow.dispatch.RecipientDirectory.Lookup;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The directory's answers for one account's rows of one claim, asked in one statement when the rows were claimed.
 * An answer is given out only while it is younger than {@link #FRESH}, so it is never older than it was when each
 * row asked on its own; once they are older (the rows waited for their threads: a slow node, a machine under load),
 * the first row to notice asks again for every row of the claim not taken yet, again in one statement, instead of
 * each row asking on its own.
 */
final class ClaimedAnswers {

    /** About how long a lane's batch takes to start at full speed. */
    static final Duration FRESH = Duration.ofSeconds(1);

    private final RecipientDirectory directory;
    private final AccountId account;
    /** The rows' lookups not taken yet (a lookup twice in one claim: the second asks on its own). */
    private final Set<Lookup> untaken;
    private Map<Lookup, Optional<Recipient>> answers;
    private long askedAtNanos;

    ClaimedAnswers(RecipientDirectory directory, AccountId account, List<Lookup> lookups,
                   Map<Lookup, Optional<Recipient>> answers, long askedAtNanos) {
        this.directory = directory;
        this.account = account;
        this.untaken = new HashSet<>(lookups);
        this.answers = new HashMap<>(answers);
        this.askedAtNanos = askedAtNanos;
    }

    /**
     * The answer for one of the claim's rows, no older than {@link #FRESH}; null when there is none (the row asks
     * on its own). Throws what the directory threw when it was asked again.
     */
    synchronized Optional<Recipient> take(Lookup lookup) {
        if (!untaken.remove(lookup)) {
            return null;
        }
        if (System.nanoTime() - askedAtNanos >= FRESH.toNanos()) {
            long at = System.nanoTime();
            Set<Lookup> ask = new HashSet<>(untaken);
            ask.add(lookup);
            answers = new HashMap<>(directory.resolveAll(account, ask));
            askedAtNanos = at;
        }
        return answers.get(lookup);
    }
}
