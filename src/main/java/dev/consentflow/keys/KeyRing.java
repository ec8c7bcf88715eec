package dev.consentflow.keys;

import dev.consentflow.accounts.AccountId;
import javax.crypto.SecretKey;

/**
 * Keys derived from the master key. A derived key is fixed by its purpose, account and version: the same
 * inputs give the same key on every node and after every restart, so nothing derived is stored.
 */
public interface KeyRing {

    /** The version new material is written under; older versions stay derivable for reading. */
    int currentVersion();

    /** A 256-bit key for one purpose of one account ({@code "contacts.wrap"}, {@code "contacts.blind-index"}…). */
    SecretKey derive(String purpose, AccountId account, int version);

    /** A 256-bit platform key for one purpose, not bound to an account. */
    SecretKey derive(String purpose, int version);
}
