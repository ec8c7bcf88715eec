package dev.consentflow.keys.internal;

import dev.consentflow.keys.Sealing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks the master key against the database at start, and holds the two secrets it protects: the derivation
 * root and the key-encryption key of the account keys ({@code keys_root}, {@code keys_account_version}).
 *
 * <p>A master key whose check value is not the stored one stops the start, with the reason: reading with it
 * would fail, and writing with it would mix keys. With {@code CONSENTFLOW_MASTER_KEY_PREVIOUS} set to the key
 * whose check value is stored, the root and every account key are unsealed with the previous key and sealed
 * again under the new one, in one transaction, and the new check value stored: the master key has rotated, and
 * the previous key can be removed from the environment. Nothing derived changes, so no data key, blind index or
 * token hash needs to be touched.
 */
@Component
class MasterKeyStore {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyStore.class);
    private static final byte[] CHECK = "consentflow/key-check-value".getBytes(StandardCharsets.UTF_8);
    private static final byte[] KEK = "consentflow/key-encryption-key".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ROOT_PLACE = "keys_root/1".getBytes(StandardCharsets.UTF_8);

    private final byte[] root;
    private final SecretKey keyEncryptionKey;

    MasterKeyStore(@Value("${consentflow.master-key:}") String configured,
                   @Value("${consentflow.master-key-previous:}") String previous,
                   @Value("${consentflow.data-dir}") Path dataDir,
                   JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        byte[] master = MasterKeys.current(configured, dataDir);
        byte[] before = previous == null || previous.isBlank() ? null
                : MasterKeys.decode(previous, "CONSENTFLOW_MASTER_KEY_PREVIOUS");
        this.keyEncryptionKey = keyEncryptionKey(master);
        this.root = new TransactionTemplate(transactionManager)
                .execute(status -> open(jdbc, master, before));
    }

    /** The secret every derived key comes from. */
    byte[] root() {
        return root.clone();
    }

    /** Seals an account key for its row. */
    byte[] seal(UUID account, int version, byte[] key) {
        return Sealing.seal(keyEncryptionKey, key, place(account, version));
    }

    byte[] open(UUID account, int version, byte[] sealed) {
        return Sealing.open(keyEncryptionKey, sealed, place(account, version));
    }

    /** The first 16 bytes of an HMAC under the key: names the key without revealing it. */
    static byte[] checkValue(byte[] master) {
        return Arrays.copyOf(Sealing.hmac(Sealing.aesKey(master), CHECK), 16);
    }

    private static SecretKey keyEncryptionKey(byte[] master) {
        return Sealing.aesKey(Sealing.hmac(Sealing.aesKey(master), KEK));
    }

    private static byte[] place(UUID account, int version) {
        return ("keys_account_version/" + account + "/" + version).getBytes(StandardCharsets.UTF_8);
    }

    private record Stored(byte[] checkValue, byte[] sealedRoot) {
    }

    private byte[] open(JdbcClient jdbc, byte[] master, byte[] previous) {
        jdbc.sql("lock table keys_root in exclusive mode").update();
        Optional<Stored> stored = jdbc.sql("select check_value, sealed_root from keys_root where id = 1")
                .query((rs, n) -> new Stored(rs.getBytes(1), rs.getBytes(2))).optional();
        if (stored.isEmpty()) {
            // The first start with a key store: the root is this master key, so every derived key stays the same.
            jdbc.sql("insert into keys_root (id, check_value, sealed_root, changed_at) values (1, :check, :root, :at)")
                    .param("check", checkValue(master)).param("root", Sealing.seal(keyEncryptionKey, master, ROOT_PLACE))
                    .param("at", Timestamp.from(Instant.now())).update();
            return master.clone();
        }
        byte[] storedCheck = stored.get().checkValue();
        if (MessageDigest.isEqual(storedCheck, checkValue(master))) {
            if (previous != null) {
                log.info("The master key has rotated already: CONSENTFLOW_MASTER_KEY_PREVIOUS can be removed");
            }
            return Sealing.open(keyEncryptionKey, stored.get().sealedRoot(), ROOT_PLACE);
        }
        if (previous == null) {
            throw new IllegalStateException("CONSENTFLOW_MASTER_KEY is not the master key this database was "
                    + "encrypted with (its key check value is " + hex(checkValue(master)) + ", the database's is "
                    + hex(storedCheck) + "). Start with the right key; or, to rotate the master key, set "
                    + "CONSENTFLOW_MASTER_KEY_PREVIOUS to the old key for one start (see the README).");
        }
        if (!MessageDigest.isEqual(storedCheck, checkValue(previous))) {
            throw new IllegalStateException("Neither CONSENTFLOW_MASTER_KEY nor CONSENTFLOW_MASTER_KEY_PREVIOUS is "
                    + "the master key this database was encrypted with (the database's key check value is "
                    + hex(storedCheck) + ")");
        }
        return rotate(jdbc, master, previous, stored.get());
    }

    private record AccountKey(UUID account, int version, byte[] sealed) {
    }

    private byte[] rotate(JdbcClient jdbc, byte[] master, byte[] previous, Stored stored) {
        SecretKey before = keyEncryptionKey(previous);
        byte[] rootKey = Sealing.open(before, stored.sealedRoot(), ROOT_PLACE);
        List<AccountKey> keys = jdbc.sql("select account_id, version, sealed_key from keys_account_version "
                        + "where sealed_key is not null")
                .query((rs, n) -> new AccountKey(rs.getObject(1, UUID.class), rs.getInt(2), rs.getBytes(3))).list();
        for (AccountKey key : keys) {
            byte[] plain = Sealing.open(before, key.sealed(), place(key.account(), key.version()));
            jdbc.sql("update keys_account_version set sealed_key = :sealed where account_id = :account "
                            + "and version = :version")
                    .param("sealed", seal(key.account(), key.version(), plain))
                    .param("account", key.account()).param("version", key.version()).update();
        }
        jdbc.sql("update keys_root set check_value = :check, sealed_root = :root, changed_at = :at where id = 1")
                .param("check", checkValue(master)).param("root", Sealing.seal(keyEncryptionKey, rootKey, ROOT_PLACE))
                .param("at", Timestamp.from(Instant.now())).update();
        log.warn("Rotated the master key: re-wrapped the derivation root and {} account keys under the new key. "
                + "Remove CONSENTFLOW_MASTER_KEY_PREVIOUS from the environment of every node.", keys.size());
        return rootKey;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
