package dev.consentflow.accounts;

import java.util.UUID;

/** An API key was revoked: from then on it answers {@code 401}. */
public record KeyRevoked(UUID keyId, AccountId account, Role role, String actor) {
}
