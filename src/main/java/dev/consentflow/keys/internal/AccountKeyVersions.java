package dev.consentflow.keys.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.keys.AccountKeys;
import dev.consentflow.keys.KeyRetired;
import dev.consentflow.keys.KeyRing;
import dev.consentflow.keys.KeyVersion;
import dev.consentflow.keys.Sealing;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import javax.crypto.SecretKey;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The account keys in {@code keys_account_version}. Writers under a version hold a shared advisory lock of the
 * account until their transaction ends; retiring takes it exclusively, so it waits for them and then asks
 * whether anything still uses the version. Unwrapped keys are cached for a short while: another node sees a
 * retirement within {@link #REMEMBERED}.
 */
@Component
class AccountKeyVersions implements AccountKeys {

    static final String WRAP_PURPOSE = "contacts.wrap";
    /** The advisory lock class of account keys ("keys" in ASCII), apart from the one-bigint locks of others. */
    private static final int LOCK_CLASS = 0x6b657973;
    static final Duration REMEMBERED = Duration.ofSeconds(30);

    private static final String LOCK_AND_READ = "select pg_advisory_xact_lock_shared(?, ?); "
            + "select coalesce(max(version), 1) from keys_account_version where account_id = ? and retired_at is null";

    private final JdbcClient jdbc;
    private final JdbcOperations sql;
    private final KeyRing ring;
    private final MasterKeyStore store;
    private final Map<String, Remembered> keys = new ConcurrentHashMap<>();

    AccountKeyVersions(JdbcClient jdbc, JdbcOperations sql, KeyRing ring, MasterKeyStore store) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.ring = ring;
        this.store = store;
    }

    private record Remembered(SecretKey key, Instant until) {
    }

    private record Row(int version, byte[] sealedKey, Instant createdAt, Instant retiredAt) {
    }

    @Override
    public int currentVersion(AccountId account) {
        // Within one transaction the lock is held and the answer cannot change: an import asks once, not per row.
        String resource = "keys.current-version/" + account.value();
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return lockAndRead(account);
        }
        if (TransactionSynchronizationManager.getResource(resource) instanceof Integer known) {
            return known;
        }
        int version = lockAndRead(account);
        TransactionSynchronizationManager.bindResource(resource, version);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(resource);
            }
        });
        return version;
    }

    /**
     * The shared lock, then the current version: two statements sent at once, one round trip (a signup's
     * transaction made two). Each statement takes its own snapshot when it starts, so the read sees every version
     * retired or added before the lock was granted, as it did when it was sent after the lock's answer.
     */
    private int lockAndRead(AccountId account) {
        return sql.execute((Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(LOCK_AND_READ)) {
                statement.setInt(1, LOCK_CLASS);
                statement.setInt(2, account.value().hashCode());
                statement.setObject(3, account.value());
                statement.execute();
                if (!statement.getMoreResults()) {
                    throw new IllegalStateException("no current key version read");
                }
                try (ResultSet version = statement.getResultSet()) {
                    version.next();
                    return version.getInt(1);
                }
            }
        });
    }

    @Override
    public SecretKey wrappingKey(AccountId account, int version) {
        String name = account.value() + "/" + version;
        Remembered remembered = keys.get(name);
        if (remembered != null && remembered.until().isAfter(Instant.now())) {
            return remembered.key();
        }
        Optional<Row> row = rows(account).stream().filter(r -> r.version() == version).findFirst();
        if (row.map(r -> r.retiredAt() != null).orElse(version != 1)) {
            keys.remove(name);
            throw new KeyRetired(version);
        }
        SecretKey key = row.map(Row::sealedKey).filter(sealed -> sealed != null)
                .map(sealed -> Sealing.aesKey(store.open(account.value(), version, sealed)))
                .orElseGet(() -> ring.derive(WRAP_PURPOSE, account, 1));
        keys.put(name, new Remembered(key, Instant.now().plus(REMEMBERED)));
        return key;
    }

    @Override
    public int addVersion(AccountId account) {
        int version = rows(account).stream().mapToInt(Row::version).max().orElse(1) + 1;
        byte[] key = Sealing.newDataKey().getEncoded();
        jdbc.sql("insert into keys_account_version (account_id, version, sealed_key, created_at) "
                        + "values (:account, :version, :sealed, :at)")
                .param("account", account.value()).param("version", version)
                .param("sealed", store.seal(account.value(), version, key))
                .param("at", Timestamp.from(Instant.now())).update();
        return version;
    }

    @Override
    public boolean retire(AccountId account, int version, BooleanSupplier stillUsed) {
        jdbc.sql("select pg_advisory_xact_lock(:lockClass, :key)").param("lockClass", LOCK_CLASS)
                .param("key", account.value().hashCode()).query().singleValue();
        if (version >= lockAndRead(account) || stillUsed.getAsBoolean()) {
            return false;
        }
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                        insert into keys_account_version (account_id, version, sealed_key, created_at, retired_at)
                        values (:account, :version, null, :now, :now)
                        on conflict (account_id, version) do update set sealed_key = null, retired_at = :now""")
                .param("account", account.value()).param("version", version).param("now", now).update();
        keys.remove(account.value() + "/" + version);
        return true;
    }

    @Override
    public List<KeyVersion> versions(AccountId account) {
        List<KeyVersion> versions = new ArrayList<>();
        List<Row> rows = rows(account);
        if (rows.stream().noneMatch(r -> r.version() == 1)) {
            versions.add(new KeyVersion(1, null, null));
        }
        rows.forEach(r -> versions.add(new KeyVersion(r.version(), r.createdAt(), r.retiredAt())));
        return versions;
    }

    private List<Row> rows(AccountId account) {
        return jdbc.sql("select version, sealed_key, created_at, retired_at from keys_account_version "
                        + "where account_id = :account order by version")
                .param("account", account.value())
                .query((rs, n) -> new Row(rs.getInt(1), rs.getBytes(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
                .list();
    }
}
