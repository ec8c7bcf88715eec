package dev.consentflow.accounts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An account's API keys as its admins manage them outside the REST API (the console), with the rules of
 * {@code /api/keys}: never the secret but once at creation, no OPERATOR keys, never the account's last ADMIN key.
 */
public interface ApiKeys {

    /** The account's keys that are not revoked, oldest first. */
    List<KeyInfo> list(AccountId account);

    /**
     * Creates a key of the caller's account; answers it with its secret, which is shown this once.
     *
     * @throws dev.consentflow.web.InvalidInputException a blank or too long name, or the OPERATOR role
     */
    NewKey create(Caller admin, String name, Role role);

    /**
     * Revokes a key of the caller's account (audited KEY_REVOKED).
     *
     * @throws dev.consentflow.web.NotFoundException no such key, or revoked already
     * @throws dev.consentflow.accounts.LastAdminKey the account's last ADMIN key
     */
    void revoke(Caller admin, UUID keyId);

    record KeyInfo(UUID id, String name, Role role, Instant createdAt, Instant lastUsedAt) {
    }

    record NewKey(UUID id, String name, Role role, String secret) {
    }
}
