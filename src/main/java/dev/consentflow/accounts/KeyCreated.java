package dev.consentflow.accounts;

import java.util.UUID;

/** An API key was created (the key itself is never part of the event). */
public record KeyCreated(UUID keyId, AccountId account, Role role, String actor) {
}
