package dev.consentflow.brands.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.brands.BrandRecords;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link BrandRecords}: the brand records of {@link Brands} with their DKIM keys' states, as people see them; every
 * write audited by {@link BrandAudit} in its transaction, for the API and the console alike.
 */
@Component
class BrandDesk implements BrandRecords {

    private final Brands brands;
    private final DkimKeys dkim;
    private final BrandAudit audit;

    BrandDesk(Brands brands, DkimKeys dkim, BrandAudit audit) {
        this.brands = brands;
        this.dkim = dkim;
        this.audit = audit;
    }

    @Override
    public List<BrandView> all(AccountId account) {
        return brands.all(account).stream().map(this::view).toList();
    }

    @Override
    public BrandView get(AccountId account, String brandKey) {
        return view(brands.get(account, brandKey));
    }

    @Override
    @Transactional
    public BrandView create(AccountId account, BrandRequest brand) {
        BrandView created = view(brands.create(account, BrandChecks.checked(brand, null)));
        audit.created(account, created);
        return created;
    }

    @Override
    @Transactional
    public BrandView change(AccountId account, String brandKey, BrandRequest brand) {
        BrandView before = view(brands.get(account, brandKey));
        BrandView after = view(brands.update(account, BrandChecks.checked(brand, brandKey)));
        audit.changed(account, before, after);
        return after;
    }

    @Override
    @Transactional
    public DkimKeyView newDkimKey(AccountId account, String brandKey) {
        DkimKeyView key = view(brands.newDkimKey(account, brandKey)).dkimKeys().get(0);
        audit.dkimKeyCreated(account, brandKey, key.selector());
        return key;
    }

    private BrandView view(Brand b) {
        Instant now = Instant.now();
        List<DkimKey> keys = dkim.of(b);
        List<DkimKeyView> views = keys.stream().map(k -> new DkimKeyView(k.selector(),
                k.retired(now) ? "RETIRED" : k == keys.get(0) && k.domain().equals(b.sendingDomain()) ? "ACTIVE"
                        : "PUBLISHED",
                k.dnsName(), "TXT", k.dnsValue(), k.createdAt(), k.retireAfter())).toList();
        return new BrandView(b.brandKey(), b.displayName(),
                new Controller(b.controllerName(), b.controllerAddress(), b.privacyContact()), b.privacyPolicyUrl(),
                b.logoUrl(), b.accentColour(), new From(b.fromName(), b.fromAddress()), b.replyTo(),
                b.sendingDomain(), views, b.createdAt(), b.updatedAt());
    }
}
