package dev.consentflow.brands;

import dev.consentflow.accounts.AccountId;
import java.time.Instant;
import java.util.List;

/**
 * An account's brand records as its people keep them, through {@code /api/brands} or the console (API.md section
 * 10): read with their DKIM keys, created, changed (the key stays), and a new DKIM key for the sending domain, whose
 * public half is the DNS TXT record to publish; the private key never leaves this module. Bad input is one
 * {@code 400} naming every field ({@code InvalidInputException}), a taken key {@link BrandKeyTaken}, a DKIM key
 * without a sending domain {@link NoSendingDomain}, an unknown key a {@code 404}.
 */
public interface BrandRecords {

    /** The legal data controller (GDPR Art. 13): who, where, and the address for data-protection requests. */
    record Controller(String name, String address, String email) {
    }

    /** The sender of the brand's mail. */
    record From(String name, String address) {
    }

    /** A brand as it is written, in API.md section 10's names; blank means none. */
    record BrandRequest(String key, String name, Controller controller, String privacyUrl, String logoUrl,
                        String color, From from, String replyTo, String domain) {
    }

    /** A DKIM key: ACTIVE signs, PUBLISHED stays in DNS until retireAfter, RETIRED may leave DNS. */
    record DkimKeyView(String selector, String state, String dnsName, String dnsType, String dnsTxt,
                       Instant createdAt, Instant retireAfter) {
    }

    /** A brand as stored, with its DKIM keys newest first. */
    record BrandView(String key, String name, Controller controller, String privacyUrl, String logoUrl,
                     String color, From from, String replyTo, String domain, List<DkimKeyView> dkimKeys,
                     Instant createdAt, Instant updatedAt) {
    }

    /** The account's brands by key. */
    List<BrandView> all(AccountId account);

    BrandView get(AccountId account, String brandKey);

    BrandView create(AccountId account, BrandRequest brand);

    /** Everything but the key is replaced by what is given. */
    BrandView change(AccountId account, String brandKey, BrandRequest brand);

    /** The brand's first DKIM key, or a rotation: a new key and selector, the ones before it in their grace period. */
    DkimKeyView newDkimKey(AccountId account, String brandKey);
}
