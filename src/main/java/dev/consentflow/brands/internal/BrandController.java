package dev.consentflow.brands.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.brands.internal.BrandRequest.Controller;
import dev.consentflow.brands.internal.BrandRequest.From;
import dev.consentflow.web.NotFoundException;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/brands}: an account's brands, for its marketers (as lists and forms are). The DKIM private key is
 * never shown; each key's public half is, as the DNS TXT record to publish.
 */
@RestController
@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
class BrandController {

    private final Brands brands;
    private final DkimKeys dkim;

    BrandController(Brands brands, DkimKeys dkim) {
        this.brands = brands;
        this.dkim = dkim;
    }

    /** A DKIM key: ACTIVE signs, PUBLISHED stays in DNS until retireAfter, RETIRED may leave DNS. */
    record DkimKeyView(String selector, String state, String dnsName, String dnsType, String dnsTxt,
                       Instant createdAt, Instant retireAfter) {
    }

    /** API.md section 10's brand, with its DKIM keys newest first. */
    record BrandView(String key, String name, Controller controller, String privacyUrl, String logoUrl,
                     String color, From from, String replyTo, String domain, List<DkimKeyView> dkimKeys,
                     Instant createdAt, Instant updatedAt) {
    }

    @PostMapping("/api/brands")
    @ResponseStatus(HttpStatus.CREATED)
    BrandView create(@RequestBody BrandRequest request, @AuthenticationPrincipal Caller caller) {
        return view(brands.create(account(caller), request.checked(null)));
    }

    @GetMapping("/api/brands")
    List<BrandView> all(@AuthenticationPrincipal Caller caller) {
        return brands.all(account(caller)).stream().map(this::view).toList();
    }

    @GetMapping("/api/brands/{key}")
    BrandView one(@PathVariable String key, @AuthenticationPrincipal Caller caller) {
        return view(brands.get(account(caller), key));
    }

    @PutMapping("/api/brands/{key}")
    BrandView update(@PathVariable String key, @RequestBody BrandRequest request,
                     @AuthenticationPrincipal Caller caller) {
        AccountId account = account(caller);
        brands.get(account, key);
        return view(brands.update(account, request.checked(key)));
    }

    /** Generates the brand's first DKIM key, or rotates: a new key and selector, the old one in its grace period. */
    @PostMapping("/api/brands/{key}/dkim")
    @ResponseStatus(HttpStatus.CREATED)
    DkimKeyView newDkimKey(@PathVariable String key, @AuthenticationPrincipal Caller caller) {
        return view(brands.newDkimKey(account(caller), key)).dkimKeys().get(0);
    }

    private static AccountId account(Caller caller) {
        if (caller.isOperator()) {
            throw new NotFoundException("Account");
        }
        return caller.requireAccount();
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
