package dev.consentflow.brands.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.brands.BrandDirectory;
import dev.consentflow.brands.BrandIdentity;
import dev.consentflow.brands.BrandKeyTaken;
import dev.consentflow.web.NotFoundException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The brand records of the accounts: created, changed and read; their DKIM keys through {@link DkimKeys}. */
@Component
class Brands implements BrandDirectory {

    private final BrandRepository brands;
    private final JdbcAggregateTemplate aggregates;
    private final DkimKeys dkim;
    private final BrandSenders senders;
    private final KnownIdentities known;

    Brands(BrandRepository brands, JdbcAggregateTemplate aggregates, DkimKeys dkim, BrandSenders senders,
           KnownIdentities known) {
        this.brands = brands;
        this.aggregates = aggregates;
        this.dkim = dkim;
        this.senders = senders;
        this.known = known;
    }

    /** As last read while no change was heard of since ({@link KnownIdentities}): the public pages ask on each view. */
    @Override
    public Optional<BrandIdentity> identity(AccountId account, String brandKey) {
        if (brandKey == null || brandKey.isBlank()) {
            return Optional.empty();
        }
        return known.identity(account, brandKey, () -> find(account, brandKey).map(Brand::identity));
    }

    Optional<Brand> find(AccountId account, String brandKey) {
        return brandKey == null || brandKey.isBlank() ? Optional.empty()
                : brands.findByAccountIdAndBrandKey(account.value(), brandKey);
    }

    Brand get(AccountId account, String brandKey) {
        return find(account, brandKey).orElseThrow(() -> new NotFoundException("Brand"));
    }

    List<Brand> all(AccountId account) {
        return brands.findByAccountIdOrderByBrandKey(account.value());
    }

    @Transactional
    Brand create(AccountId account, BrandChecks.Checked b) {
        if (find(account, b.key()).isPresent()) {
            throw new BrandKeyTaken();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        known.changing();
        try {
            Brand created = aggregates.insert(new Brand(UUID.randomUUID(), account.value(), b.key(), b.displayName(),
                    b.controllerName(), b.controllerAddress(), b.privacyContact(), b.privacyPolicyUrl(), b.logoUrl(),
                    b.accentColour(), b.fromName(), b.fromAddress(), b.replyTo(), b.sendingDomain(), now, now));
            // A list may have named the key before its record existed, or the account had no brands until now.
            senders.forget(account, b.key());
            return created;
        } catch (DuplicateKeyException e) {
            throw new BrandKeyTaken();
        }
    }

    @Transactional
    Brand update(AccountId account, BrandChecks.Checked b) {
        Brand old = get(account, b.key());
        known.changing();
        Brand changed = brands.save(new Brand(old.id(), old.accountId(), old.brandKey(), b.displayName(),
                b.controllerName(), b.controllerAddress(), b.privacyContact(), b.privacyPolicyUrl(), b.logoUrl(),
                b.accentColour(), b.fromName(), b.fromAddress(), b.replyTo(), b.sendingDomain(), old.createdAt(),
                Instant.now().truncatedTo(ChronoUnit.MICROS)));
        senders.forget(account, b.key());
        return changed;
    }

    /** A new DKIM key for the brand's sending domain (the first, or a rotation). */
    @Transactional
    Brand newDkimKey(AccountId account, String brandKey) {
        Brand brand = get(account, brandKey);
        dkim.generate(brand);
        senders.forget(account, brandKey);
        return brand;
    }
}
