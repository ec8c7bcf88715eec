package dev.consentflow.accounts;

import java.util.UUID;

/** The id of an account, a customer of the platform. */
public record AccountId(UUID value) {

    public AccountId {
        if (value == null) {
            throw new IllegalArgumentException("account id is required");
        }
    }

    public static AccountId of(String value) {
        return new AccountId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
