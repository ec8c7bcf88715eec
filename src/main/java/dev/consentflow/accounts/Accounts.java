package dev.consentflow.accounts;

import java.util.Optional;

/** The accounts module's API for other modules. */
public interface Accounts {

    /** The account created on first start, to which {@code forms/} definitions belong. */
    AccountId defaultAccount();

    /** The name of an account, if it exists. */
    Optional<String> nameOf(AccountId account);

    /** The name of an API key of the account (revoked ones too), for showing actors by name. */
    Optional<String> keyName(AccountId account, java.util.UUID keyId);

    /** Whether an account exists. */
    default boolean exists(AccountId account) {
        return nameOf(account).isPresent();
    }
}
