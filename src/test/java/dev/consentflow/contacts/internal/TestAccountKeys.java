package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.keys.AccountKeys;
import dev.consentflow.keys.KeyRetired;
import dev.consentflow.keys.KeyVersion;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import javax.crypto.SecretKey;

/** Account keys for unit tests: the versions of a {@link TestKeyRing}, any of them retirable. */
final class TestAccountKeys implements AccountKeys {

    private final TestKeyRing ring;
    private final Set<Integer> retired = new HashSet<>();

    TestAccountKeys(TestKeyRing ring) {
        this.ring = ring;
    }

    @Override
    public int currentVersion(AccountId account) {
        return ring.currentVersion();
    }

    @Override
    public SecretKey wrappingKey(AccountId account, int version) {
        if (retired.contains(version) || version > ring.currentVersion()) {
            throw new KeyRetired(version);
        }
        return ring.derive("contacts.wrap", account, version);
    }

    @Override
    public int addVersion(AccountId account) {
        ring.rotate();
        return ring.currentVersion();
    }

    @Override
    public boolean retire(AccountId account, int version, BooleanSupplier stillUsed) {
        return !stillUsed.getAsBoolean() && retired.add(version);
    }

    @Override
    public List<KeyVersion> versions(AccountId account) {
        return IntStream.rangeClosed(1, ring.currentVersion()).mapToObj(v -> new KeyVersion(v, null, null)).toList();
    }
}
