package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands a request, with its personal data, from the HTTP request that starts a process instance to the first
 * step of that instance, in memory, and the step's answer back. The engine must never hold an address or an IP
 * (its history keeps every variable); the first step runs synchronously within the start, on the same thread, so
 * memory is enough.
 *
 * @param <Q> the request handed in
 * @param <A> the first step's answer
 */
abstract class ProcessInbox<Q, A> {

    private final Map<UUID, Letter<Q, A>> letters = new ConcurrentHashMap<>();
    private final String firstStep;

    ProcessInbox(String firstStep) {
        this.firstStep = firstStep;
    }

    void post(UUID requestId, AccountId account, Q request) {
        letters.put(requestId, new Letter<>(account, request));
    }

    /** The letter of a request whose instance is being started right now. */
    Letter<Q, A> open(UUID requestId) {
        Letter<Q, A> letter = letters.get(requestId);
        if (letter == null) {
            throw new IllegalStateException("nothing in hand for request " + requestId + ": " + firstStep
                    + " must run synchronously with the start of the instance");
        }
        return letter;
    }

    /** Takes the letter out, with the first step's answer (null when the step did not run). */
    A close(UUID requestId) {
        Letter<Q, A> letter = letters.remove(requestId);
        return letter == null ? null : letter.answer;
    }

    static final class Letter<Q, A> {
        final AccountId account;
        final Q request;
        private volatile A answer;

        Letter(AccountId account, Q request) {
            this.account = account;
            this.request = request;
        }

        void answer(A answer) {
            this.answer = answer;
        }
    }
}
