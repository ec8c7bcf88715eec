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
 */
final class LatestDefinitions {

    private final Map<String, String> ids = new ConcurrentHashMap<>();
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

    /** A definition changed somewhere: every key is looked up again. */
    void forgetAll() {
        generation.incrementAndGet();
        ids.clear();
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
