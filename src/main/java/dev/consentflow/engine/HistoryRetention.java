package dev.consentflow.engine;

import dev.consentflow.accounts.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How long the engine keeps the history of an account's finished platform processes (the steps a person's
 * timeline shows), and its removal. The account's period replaces the models' {@code historyTimeToLive} for the
 * platform's processes: their time to live is raised to {@link #BACKSTOP_DAYS}, longer than any period an account
 * can set, so the engine's own removal-time cleanup never takes what an account still keeps; it remains for what
 * an account's job did not reach.
 */
public interface HistoryRetention {

    /** Three years: the tombstones' retention, the time an account must be able to show a consent's story. */
    int DEFAULT_MONTHS = 36;
    int MAX_MONTHS = 120;
    /** The platform processes' time to live in the engine: ten years and a week, more than {@link #MAX_MONTHS}. */
    int BACKSTOP_DAYS = 3660;

    /** The account's period and the cut-off of the last removal. */
    Period of(AccountId account);

    /** Sets the account's period ({@code 1} to {@link #MAX_MONTHS} months), in the caller's transaction. */
    Period change(AccountId account, int months, String by);

    /** The accounts that have finished platform instances whose root instance ended before the time. */
    List<AccountId> accountsWithHistoryBefore(Instant before);

    /**
     * Removes, in the caller's transaction, the history of at most {@code limit} of the account's finished platform
     * instances whose root instance ended before the time (the engine's bulk delete: activities, variables,
     * everything of the instance), and records the time as the account's cut-off.
     */
    Removal removeEndedBefore(AccountId account, Instant before, int limit);

    /**
     * @param months        how many months after an instance ended its history is kept
     * @param removedBefore the cut-off of the last removal (instances ended before it are gone), or null
     * @param custom        whether an ADMIN set the period (false: the default)
     */
    record Period(int months, Instant removedBefore, boolean custom) {
    }

    /** What one removal took: instances, and how many of each process (by key). */
    record Removal(int instances, Map<String, Integer> byProcess) {
    }
}
