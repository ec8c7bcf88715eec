package dev.consentflow.keys.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.keys.KeyRing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * HKDF-SHA256 (RFC 5869) over the master key. The master key comes from {@code CONSENTFLOW_MASTER_KEY}; without
 * it, one is generated once into {@code <data dir>/master.key} (owner-readable only) with a warning, which is
 * right for a laptop and wrong for production: a lost data dir then loses every encrypted value.
 */
@Component
class MasterKeyRing implements KeyRing {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyRing.class);
    private static final byte[] SALT = "consentflow/v1".getBytes(StandardCharsets.UTF_8);

    private final byte[] pseudoRandomKey;
    private final ConcurrentHashMap<String, SecretKey> derived = new ConcurrentHashMap<>();

    MasterKeyRing(@Value("${consentflow.master-key:}") String configured,
                  @Value("${consentflow.data-dir}") Path dataDir) {
        byte[] master = configured == null || configured.isBlank() ? fromDataDir(dataDir) : decode(configured);
        this.pseudoRandomKey = hmac(SALT, master);
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

    private static byte[] decode(String configured) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(configured.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("CONSENTFLOW_MASTER_KEY must be base64 of 32 bytes");
        }
        if (key.length != 32) {
            throw new IllegalStateException("CONSENTFLOW_MASTER_KEY must be base64 of 32 bytes, is " + key.length);
        }
        return key;
    }

    private static byte[] fromDataDir(Path dataDir) {
        Path file = dataDir.resolve("master.key");
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file));
            }
            Files.createDirectories(dataDir);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardOpenOption.CREATE_NEW);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                log.debug("No POSIX permissions on this file system");
            }
            log.warn("No CONSENTFLOW_MASTER_KEY set: generated one into {}. Fine for development; in production "
                    + "set CONSENTFLOW_MASTER_KEY and keep it safe, or the encrypted data is lost with the file.", file);
            return key;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return fromDataDir(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create " + file, e);
        }
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
