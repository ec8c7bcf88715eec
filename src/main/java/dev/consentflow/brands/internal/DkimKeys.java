package dev.consentflow.brands.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.brands.NoSendingDomain;
import dev.consentflow.dispatch.Sender;
import dev.consentflow.keys.KeyRing;
import dev.consentflow.keys.Sealing;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.stereotype.Component;

/**
 * A brand's DKIM keys: RSA 2048 generated here on request, the private key sealed under the account's
 * {@code brands.dkim} key (never shown, never stored in plaintext), the public key shown as the TXT record to
 * publish. A new key gets a new selector and signs from then on; the keys before it stay published for
 * {@code consentflow.brands.dkim-grace} (mail signed with them may still be on its way), then are retired.
 */
@Component
class DkimKeys {

    static final String KEY_PURPOSE = "brands.dkim";
    private static final SecureRandom random = new SecureRandom();
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM").withZone(ZoneOffset.UTC);

    private final DkimKeyRepository keys;
    private final JdbcAggregateTemplate aggregates;
    private final KeyRing keyRing;
    private final Duration grace;

    DkimKeys(DkimKeyRepository keys, JdbcAggregateTemplate aggregates, KeyRing keyRing,
             @Value("${consentflow.brands.dkim-grace:P7D}") Duration grace) {
        this.keys = keys;
        this.aggregates = aggregates;
        this.keyRing = keyRing;
        this.grace = grace;
    }

    /** A new signing key for the brand's sending domain; the ones before it enter their grace period. */
    DkimKey generate(Brand brand) {
        if (brand.sendingDomain() == null) {
            throw new NoSendingDomain();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        keys.graceAll(brand.id(), now.plus(grace));
        keys.dropRetired(brand.id(), now);
        KeyPair pair = rsa2048();
        UUID id = UUID.randomUUID();
        AccountId account = new AccountId(brand.accountId());
        int version = keyRing.currentVersion();
        byte[] sealed = Sealing.seal(keyRing.derive(KEY_PURPOSE, account, version), pair.getPrivate().getEncoded(),
                place(id));
        String publicKey = java.util.Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        return aggregates.insert(new DkimKey(id, brand.id(), brand.accountId(), brand.sendingDomain(),
                selector(now), publicKey, sealed, version, now, null));
    }

    /** Newest first, retired ones included. */
    List<DkimKey> of(Brand brand) {
        return keys.findByBrandIdOrderByCreatedAtDesc(brand.id());
    }

    /** The key mail of the brand is signed with: the newest, when it is of the brand's current domain. */
    Optional<Sender.DkimKey> signingKey(Brand brand) {
        Instant now = Instant.now();
        return of(brand).stream().findFirst()
                .filter(key -> !key.retired(now) && key.privateKeySealed() != null)
                .filter(key -> key.domain().equals(brand.sendingDomain()))
                .map(key -> new Sender.DkimKey(key.domain(), key.selector(), open(key)));
    }

    private RSAPrivateKey open(DkimKey key) {
        byte[] der = Sealing.open(keyRing.derive(KEY_PURPOSE, new AccountId(key.accountId()), key.keyVersion()),
                key.privateKeySealed(), place(key.id()));
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored DKIM key is not an RSA key", e);
        }
    }

    /** {@code cf202612-1a2b3c}: the month it was made, and enough randomness never to repeat within a brand. */
    private static String selector(Instant now) {
        byte[] bytes = new byte[3];
        random.nextBytes(bytes);
        return "cf" + MONTH.format(now) + "-" + HexFormat.of().formatHex(bytes);
    }

    private static byte[] place(UUID keyId) {
        return (KEY_PURPOSE + ":" + keyId).getBytes(StandardCharsets.UTF_8);
    }

    private static KeyPair rsa2048() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
