package dev.consentflow.keys.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.keys.KeyRing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * HKDF-SHA256 (RFC 5869) over the derivation root, which {@link MasterKeyStore} keeps sealed under the master key
 * (on the first start, the root is that master key, so keys derived before the key store stay the same). The
 * master key comes from {@code CONSENTFLOW_MASTER_KEY}; without it, one is generated once into
 * {@code <data dir>/master.key} (owner-readable only) with a warning, which is right for a laptop and wrong for
 * production: a lost data dir then loses every encrypted value.
 */
@Component
class MasterKeyRing implements KeyRing {

    private static final byte[] SALT = "consentflow/v1".getBytes(StandardCharsets.UTF_8);

    private final byte[] pseudoRandomKey;
    private final ConcurrentHashMap<String, SecretKey> derived = new ConcurrentHashMap<>();

    @Autowired
    MasterKeyRing(MasterKeyStore store) {
        this.pseudoRandomKey = hmac(SALT, store.root());
    }

    /** A ring over a master key without a key store (the root is the master key, as on a first start). */
    MasterKeyRing(String configured, Path dataDir) {
        this.pseudoRandomKey = hmac(SALT, MasterKeys.current(configured, dataDir));
    }

    @Override
    public int currentVersion() {
        return 1;
    }

    @Override
    public SecretKey derive(String purpose, AccountId account, int version) {
        return derive(purpose + "|account:" + account.value() + "|v" + version);
    }

    @Override
    public SecretKey derive(String purpose, int version) {
        return derive(purpose + "|platform|v" + version);
    }

    private SecretKey derive(String info) {
        return derived.computeIfAbsent(info, i -> {
            // HKDF-Expand for one 32-byte block: T(1) = HMAC(PRK, info || 0x01).
            byte[] infoBytes = i.getBytes(StandardCharsets.UTF_8);
            byte[] input = new byte[infoBytes.length + 1];
            System.arraycopy(infoBytes, 0, input, 0, infoBytes.length);
            input[infoBytes.length] = 1;
            return new SecretKeySpec(hmac(pseudoRandomKey, input), "AES");
        });
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
