package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.Signup;
import dev.consentflow.subscription.SignupReceipt;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands a signup, with its personal data, from the request that starts a double opt-in to the process step that
 * registers it, in memory. The engine must never hold an address or an IP (its history keeps every variable),
 * and {@code Task_RegisterSignup} runs synchronously within the start, on the same thread, so memory is enough.
 * The register step answers through here too.
 */
@org.springframework.stereotype.Component
class SignupInbox {

    private final Map<UUID, Letter> letters = new ConcurrentHashMap<>();

    void post(UUID requestId, AccountId account, Signup signup) {
        letters.put(requestId, new Letter(account, signup));
    }

    /** The signup of a request that is being started right now. */
    Letter open(UUID requestId) {
        Letter letter = letters.get(requestId);
        if (letter == null) {
            throw new IllegalStateException("no signup in hand for request " + requestId
                    + ": Task_RegisterSignup must run synchronously with the start of the instance");
        }
        return letter;
    }

    /** Takes the letter out, with the register step's answer. */
    SignupReceipt close(UUID requestId) {
        Letter letter = letters.remove(requestId);
        return letter == null ? null : letter.receipt;
    }

    static final class Letter {
        final AccountId account;
        final Signup signup;
        private volatile SignupReceipt receipt;

        Letter(AccountId account, Signup signup) {
            this.account = account;
            this.signup = signup;
        }

        void answer(SignupReceipt receipt) {
            this.receipt = receipt;
        }
    }
}
