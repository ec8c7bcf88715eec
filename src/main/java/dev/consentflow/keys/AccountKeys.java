package dev.consentflow.keys;

import dev.consentflow.accounts.AccountId;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.crypto.SecretKey;

/**
 * The versions of an account's key that wraps its contacts' data keys ({@code contacts.wrap}). A rotation adds a
 * version, the data keys are re-wrapped under it by their owner, and the old version is retired once nothing
 * uses it. Version 1 is the key derived from the root (every account has it from the start); later versions are
 * random keys kept sealed under the master key, so a master-key change re-wraps them and changes none of them.
 */
public interface AccountKeys {

    /**
     * The version to wrap new data keys under. Call it in the transaction that stores what it wraps: the
     * transaction holds a shared lock of the account's keys until it ends, so a version is never retired while a
     * transaction is still writing under it.
     */
    int currentVersion(AccountId account);

    /**
     * The wrapping key of a version.
     *
     * @throws KeyRetired for a retired version, or a version the account never had
     */
    SecretKey wrappingKey(AccountId account, int version);

    /** Makes a new version and answers its number; new data keys are wrapped under it from the commit on. */
    int addVersion(AccountId account);

    /**
     * Retires an older version if {@code stillUsed} (asked while every writer under it is locked out) says that
     * nothing uses it any more; answers whether it did. Call it in a transaction.
     */
    boolean retire(AccountId account, int version, BooleanSupplier stillUsed);

    /** Every version of the account, the oldest first (version 1 even when it was never stored). */
    List<KeyVersion> versions(AccountId account);
}
