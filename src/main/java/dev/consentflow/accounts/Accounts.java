package dev.consentflow.accounts;

import java.util.Optional;

/** The accounts module's API for other modules. */
public interface Accounts {

    /** The account created on first start, to which {@code forms/} definitions belong. */
    AccountId defaultAccount();

    /** The name of an account, if it exists. */
    Optional<String> nameOf(AccountId account);

    /** Whether an account exists. */
    default boolean exists(AccountId account) {
        return nameOf(account).isPresent();
    }
}
