package dev.consentflow.brands.internal;

import dev.consentflow.brands.BrandIdentity;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A brand record of an account, as stored. */
@Table("brands_brand")
record Brand(@Id UUID id, UUID accountId, String brandKey, String displayName, String controllerName,
             String controllerAddress, String privacyContact, String privacyPolicyUrl, String logoUrl,
             String accentColour, String fromName, String fromAddress, String replyTo, String sendingDomain,
             Instant createdAt, Instant updatedAt) {

    BrandIdentity identity() {
        return new BrandIdentity(brandKey, displayName, logoUrl, accentColour, controllerName, controllerAddress,
                privacyContact, privacyPolicyUrl);
    }
}
