package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.web.InvalidInputException;
import java.util.UUID;

/**
 * The account a read is about: always the caller's own; a platform operator, who has none, names one with the
 * {@code account} parameter.
 */
final class AccountScope {

    private AccountScope() {
    }

    static AccountId of(Caller caller, UUID requested) {
        if (caller.isOperator()) {
            if (requested == null) {
                throw new InvalidInputException("account", "is required for platform operators");
            }
            return new AccountId(requested);
        }
        AccountId own = caller.requireAccount();
        if (requested != null && !requested.equals(own.value())) {
            throw new InvalidInputException("account", "only platform operators choose the account");
        }
        return own;
    }
}
