package dev.consentflow.brands.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.brands.BrandRecords;
import dev.consentflow.brands.BrandRecords.BrandRequest;
import dev.consentflow.brands.BrandRecords.BrandView;
import dev.consentflow.brands.BrandRecords.DkimKeyView;
import dev.consentflow.web.NotFoundException;
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
 * {@code /api/brands}: an account's brands, for its marketers (as lists and forms are), on {@link BrandRecords} as
 * the console's brand screens. The DKIM private key is never shown; each key's public half is, as the DNS TXT
 * record to publish.
 */
@RestController
@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
class BrandController {

    private final BrandRecords brands;

    BrandController(BrandRecords brands) {
        this.brands = brands;
    }

    @PostMapping("/api/brands")
    @ResponseStatus(HttpStatus.CREATED)
    BrandView create(@RequestBody BrandRequest request, @AuthenticationPrincipal Caller caller) {
        return brands.create(account(caller), request);
    }

    @GetMapping("/api/brands")
    List<BrandView> all(@AuthenticationPrincipal Caller caller) {
        return brands.all(account(caller));
    }

    @GetMapping("/api/brands/{key}")
    BrandView one(@PathVariable String key, @AuthenticationPrincipal Caller caller) {
        return brands.get(account(caller), key);
    }

    @PutMapping("/api/brands/{key}")
    BrandView update(@PathVariable String key, @RequestBody BrandRequest request,
                     @AuthenticationPrincipal Caller caller) {
        return brands.change(account(caller), key, request);
    }

    /** Generates the brand's first DKIM key, or rotates: a new key and selector, the old one in its grace period. */
    @PostMapping("/api/brands/{key}/dkim")
    @ResponseStatus(HttpStatus.CREATED)
    DkimKeyView newDkimKey(@PathVariable String key, @AuthenticationPrincipal Caller caller) {
        return brands.newDkimKey(account(caller), key);
    }

    private static AccountId account(Caller caller) {
        if (caller.isOperator()) {
            throw new NotFoundException("Account");
        }
        return caller.requireAccount();
    }
}
