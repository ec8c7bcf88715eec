package dev.consentflow.keys.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.keys.AccountKeys;
import dev.consentflow.keys.KeyRing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A start with another master key, as the key store sees it at start: without the previous key it stops with the
 * reason; with it, the root and the account keys are sealed again under the new key and everything derived stays
 * the same. Each case runs in a transaction that is rolled back, so the running server keeps its own key.
 */
@IntegrationTest
class MasterKeyRotationIT {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    KeyRing ring;

    @Autowired
    AccountKeys accountKeys;

    @Value("${consentflow.data-dir}")
    Path dataDir;

    @Test
    void aNewMasterKeyWithoutThePreviousOneStopsTheStartAndSaysWhy() {
        String newKey = randomKey();
        inRolledBackTransaction(() -> assertThatThrownBy(() -> start(newKey, ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CONSENTFLOW_MASTER_KEY is not the master key this database was encrypted with")
                .hasMessageContaining("CONSENTFLOW_MASTER_KEY_PREVIOUS"));
        inRolledBackTransaction(() -> assertThatThrownBy(() -> start(newKey, randomKey()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Neither CONSENTFLOW_MASTER_KEY nor CONSENTFLOW_MASTER_KEY_PREVIOUS"));
    }

    @Test
    void aNewMasterKeyWithThePreviousOneReWrapsTheAccountKeysAndChangesNothingDerived() throws Exception {
        String oldKey = Files.readString(dataDir.resolve("master.key")).trim();
        String newKey = randomKey();
        AccountId account = new AccountId(UUID.randomUUID());
        inRolledBackTransaction(() -> {
            int version = accountKeys.addVersion(account);
            byte[] accountKey = accountKeys.wrappingKey(account, version).getEncoded();
            byte[] sealedBefore = sealed(account, version);

            MasterKeyStore rotated = start(newKey, oldKey);
            assertThat(new MasterKeyRing(rotated).derive("contacts.blind-index", account, 1).getEncoded())
                    .as("a blind-index key derived after the change").isEqualTo(
                            ring.derive("contacts.blind-index", account, 1).getEncoded());
            assertThat(sealed(account, version)).isNotEqualTo(sealedBefore);
            assertThat(rotated.open(account.value(), version, sealed(account, version))).isEqualTo(accountKey);

            // The previous key can go: the next start needs only the new one, and the old one alone is refused.
            assertThat(start(newKey, "").root()).isEqualTo(rotated.root());
            assertThatThrownBy(() -> start(oldKey, "")).isInstanceOf(IllegalStateException.class);
        });
    }

    private MasterKeyStore start(String master, String previous) {
        return new MasterKeyStore(master, previous, dataDir, jdbc, transactionManager);
    }

    private byte[] sealed(AccountId account, int version) {
        return jdbc.sql("select sealed_key from keys_account_version where account_id = :a and version = :v")
                .param("a", account.value()).param("v", version).query(byte[].class).single();
    }

    private void inRolledBackTransaction(Runnable work) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            status.setRollbackOnly();
            work.run();
        });
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
