package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.Unsubscribe;
import dev.consentflow.contacts.Unsubscribed;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Hands an unsubscribe request, with its evidence (the client IP), from the request that starts an
 * {@code unsubscribe} instance to the step that carries it out, in memory, as {@link SignupInbox} does for signups:
 * the engine must never hold an IP, and {@code Task_UnsubscribeSubscription} runs synchronously within the start,
 * on the same thread. The step answers through here too.
 */
@Component
class UnsubscribeInbox {

    private final Map<UUID, Letter> letters = new ConcurrentHashMap<>();

    void post(UUID requestId, AccountId account, Unsubscribe request) {
        letters.put(requestId, new Letter(account, request));
    }

    /** The request being started right now. */
    Letter open(UUID requestId) {
        Letter letter = letters.get(requestId);
        if (letter == null) {
            throw new IllegalStateException("no unsubscribe request in hand for " + requestId
                    + ": Task_UnsubscribeSubscription must run synchronously with the start of the instance");
        }
        return letter;
    }

    /** Takes the letter out, with the step's answer (null when the step did not run). */
    Unsubscribed close(UUID requestId) {
        Letter letter = letters.remove(requestId);
        return letter == null ? null : letter.answer;
    }

    static final class Letter {
        final AccountId account;
        final Unsubscribe request;
        private volatile Unsubscribed answer;

        Letter(AccountId account, Unsubscribe request) {
            this.account = account;
            this.request = request;
        }

        void answer(Unsubscribed outcome) {
            this.answer = outcome;
        }
    }
}
