package dev.consentflow.engine.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The id of the latest version of each platform process (deployed without a tenant) by its key, so that a start
 * skips the engine's look-up of the latest version ({@code select ... from ACT_RE_PROCDEF ... max(VERSION_)}) and
 * takes the definition from the engine's deployment cache, which holds definitions by id.
 *
 * <p>Everything is forgotten whenever a definition changes: this node's deployments at once, before and after
 * their commit ({@link DefinitionChanges#forNewDeployments}); any node's, this one's too, through PostgreSQL (a
 * trigger on the engine's definitions notifies every node that listens, {@link DefinitionChanges}). Nothing is
 * answered while this node does not listen (before the listener connected, after its connection broke): a second
 * node that missed a notice would otherwise start an old version. A look-up that a change overtook is not kept.
 *
 * <p>The same way it knows the history time to live of each platform definition by its id, which
 * {@link PlatformDefinitions} gives every history row of a platform instance: without it, the first row of every
 * command read the definition's row from the database ({@code select * from ACT_RE_PROCDEF where ID_ = ?}, once per
 * erasure and per signup).
 */
final class LatestDefinitions {

    private final Map<String, String> ids = new ConcurrentHashMap<>();
    private final Map<String, Integer> timesToLive = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean listening;

    /** The latest definition's id of the key, or null: look it up (and {@link #remember} it). */
    String cached(String processKey) {
        return listening ? ids.get(processKey) : null;
    }

    /** Taken before a look-up, handed to {@link #remember}: a change after it voids the look-up. */
    long generation() {
        return generation.get();
    }

    /** Keeps what a look-up found, unless a change came after the look-up began (then it may be an old version). */
    void remember(String processKey, String processDefinitionId, long generationBefore) {
        if (!listening) {
            return;
        }
        ids.put(processKey, processDefinitionId);
        if (generation.get() != generationBefore) {
            ids.remove(processKey, processDefinitionId);
        }
    }

    /** The days a definition's history is kept, as {@link #rememberTimeToLive} was told, or null: look it up. */
    Integer cachedTimeToLive(String processDefinitionId) {
        return listening ? timesToLive.get(processDefinitionId) : null;
    }

    /** As {@link #remember}: kept unless a change came after the look-up began. */
    void rememberTimeToLive(String processDefinitionId, int days, long generationBefore) {
        if (!listening) {
            return;
        }
        timesToLive.put(processDefinitionId, days);
        if (generation.get() != generationBefore) {
            timesToLive.remove(processDefinitionId, days);
        }
    }

    /** A definition changed somewhere: every key and time to live is looked up again. */
    void forgetAll() {
        generation.incrementAndGet();
        ids.clear();
        timesToLive.clear();
    }

    boolean listening() {
        return listening;
    }

    /** Whether changes of every node reach this node now; a change either way forgets everything. */
    void listening(boolean listening) {
        forgetAll();
        this.listening = listening;
        forgetAll();
    }
}
