package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.keys.KeyRing;
import dev.consentflow.keys.Sealing;
import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;

/** A key ring for unit tests: keys derived by HMAC from a random master, like the real one, at any version. */
final class TestKeyRing implements KeyRing {

    private final SecretKey master = Sealing.newDataKey();
    private int currentVersion = 1;

    @Override
    public int currentVersion() {
        return currentVersion;
    }

    void rotate() {
        currentVersion++;
    }

    @Override
    public SecretKey derive(String purpose, AccountId account, int version) {
        return derive(purpose + "|account:" + account + "|v" + version);
    }

    @Override
    public SecretKey derive(String purpose, int version) {
        return derive(purpose + "|platform|v" + version);
    }

    private SecretKey derive(String info) {
        return Sealing.aesKey(Sealing.hmac(master, info.getBytes(StandardCharsets.UTF_8)));
    }
}
