package dev.consentflow.keys;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce: {@code seal} answers nonce || ciphertext || tag. The associated data
 * binds a ciphertext to where it belongs (a contact id, a column name), so it cannot be moved to another row.
 * A changed byte anywhere makes {@link #open} fail with {@link TamperedException}.
 */
public final class Sealing {

    private static final SecureRandom random = new SecureRandom();
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /**
     * A thread's AES-GCM cipher and HMAC, made once and initialised anew for every use (a fresh nonce, the key):
     * looking the transformation up among the providers cost more than the sealing of a short value (an import
     * seals three values a row).
     */
    private static final ThreadLocal<Ciphers> GCM = ThreadLocal.withInitial(Ciphers::new);
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> instance(() ->
            Mac.getInstance("HmacSHA256")));

    private Sealing() {
    }

    public static byte[] seal(SecretKey key, byte[] plaintext, byte[] associatedData) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = GCM.get().of(key);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            if (associatedData != null) {
                cipher.updateAAD(associatedData);
            }
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    public static byte[] open(SecretKey key, byte[] sealed, byte[] associatedData) {
        if (sealed == null || sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new TamperedException();
        }
        try {
            Cipher cipher = GCM.get().of(key);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            if (associatedData != null) {
                cipher.updateAAD(associatedData);
            }
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new TamperedException();
        } catch (GeneralSecurityException e) {
            throw new TamperedException();
        }
    }

    /**
     * A fresh random AES-256 key (a contact's data key): 32 bytes of the random source, as the provider's AES
     * {@code KeyGenerator} makes it, without looking the generator up among the providers for every key.
     */
    public static SecretKey newDataKey() {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return new SecretKeySpec(raw, "AES");
    }

    public static SecretKey aesKey(byte[] raw) {
        return new SecretKeySpec(raw, "AES");
    }

    /** HMAC-SHA256 of a value under a key: blind indexes and token hashes. */
    public static byte[] hmac(SecretKey key, byte[] value) {
        try {
            Mac mac = HMAC.get();
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(value);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A thread's two AES-GCM ciphers: the AES key schedule a cipher computes for a key is kept until it is given
     * another key, so a key used again and again between others (the account's wrapping key between the data keys
     * of an import's new cards) keeps its cipher and is not expanded again. A key goes to the cipher that last had it,
     * else to the one used least recently.
     */
    private static final class Ciphers {
        private final Cipher[] ciphers = {gcm(), gcm()};
        private final SecretKey[] keys = new SecretKey[2];
        private int lastUsed;

        Cipher of(SecretKey key) {
            int which = keys[0] == key ? 0 : keys[1] == key ? 1 : 1 - lastUsed;
            keys[which] = key;
            lastUsed = which;
            return ciphers[which];
        }

        private static Cipher gcm() {
            return instance(() -> Cipher.getInstance("AES/GCM/NoPadding"));
        }
    }

    private interface Lookup<T> {
        T get() throws GeneralSecurityException;
    }

    private static <T> T instance(Lookup<T> lookup) {
        try {
            return lookup.get();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM or HMAC-SHA256 is not available", e);
        }
    }

    /** A ciphertext that was changed, cut, or sealed under another key or for another place. */
    public static final class TamperedException extends RuntimeException {
        public TamperedException() {
            super("the sealed value cannot be opened: wrong key, wrong place, or changed");
        }
    }
}
