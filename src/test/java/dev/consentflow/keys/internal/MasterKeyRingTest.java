package dev.consentflow.keys.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consentflow.accounts.AccountId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyRingTest {

    private static final String MASTER = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path dataDir;

    @Test
    void theSameInputsDeriveTheSameKeyOnEveryNode() {
        AccountId account = new AccountId(UUID.randomUUID());
        var first = new MasterKeyRing(MASTER, dataDir);
        var second = new MasterKeyRing(MASTER, dataDir);

        assertThat(first.derive("contacts.wrap", account, 1).getEncoded())
                .isEqualTo(second.derive("contacts.wrap", account, 1).getEncoded())
                .hasSize(32);
    }

    @Test
    void purposeAccountAndVersionEachGiveAnotherKey() {
        var ring = new MasterKeyRing(MASTER, dataDir);
        AccountId a = new AccountId(UUID.randomUUID());
        AccountId b = new AccountId(UUID.randomUUID());
        byte[] base = ring.derive("contacts.wrap", a, 1).getEncoded();

        assertThat(ring.derive("contacts.blind-index", a, 1).getEncoded()).isNotEqualTo(base);
        assertThat(ring.derive("contacts.wrap", b, 1).getEncoded()).isNotEqualTo(base);
        assertThat(ring.derive("contacts.wrap", a, 2).getEncoded()).isNotEqualTo(base);
        assertThat(ring.derive("contacts.wrap", 1).getEncoded()).isNotEqualTo(base);
    }

    @Test
    void withoutAConfiguredKeyOneIsGeneratedOnceIntoTheDataDir() throws Exception {
        AccountId account = new AccountId(UUID.randomUUID());
        var first = new MasterKeyRing("", dataDir);
        var again = new MasterKeyRing("", dataDir);

        assertThat(Files.exists(dataDir.resolve("master.key"))).isTrue();
        assertThat(first.derive("x", account, 1).getEncoded()).isEqualTo(again.derive("x", account, 1).getEncoded());
    }

    @Test
    void aMasterKeyOfTheWrongSizeIsRefused() {
        assertThatThrownBy(() -> new MasterKeyRing(Base64.getEncoder().encodeToString(new byte[16]), dataDir))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new MasterKeyRing("not base64!", dataDir)).hasMessageContaining("base64");
    }
}
