package dev.consentflow.brands.internal;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One DKIM key of a brand's domain. The newest signs; an older one stays published until {@code retireAfter}
 * (mail signed with it may still be in transit), then it is retired: its private key is dropped.
 */
@Table("brands_dkim_key")
record DkimKey(@Id UUID id, UUID brandId, UUID accountId, String domain, String selector, String publicKey,
               byte[] privateKeySealed, int keyVersion, Instant createdAt, Instant retireAfter) {

    boolean retired(Instant now) {
        return retireAfter != null && !retireAfter.isAfter(now);
    }

    /** The DNS name to publish the TXT record at. */
    String dnsName() {
        return selector + "._domainkey." + domain;
    }

    /** The TXT record's value (RFC 6376 section 3.6.1). */
    String dnsValue() {
        return "v=DKIM1; k=rsa; p=" + publicKey;
    }

    @Override
    public String toString() {
        return "DkimKey[" + dnsName() + "]";
    }
}
