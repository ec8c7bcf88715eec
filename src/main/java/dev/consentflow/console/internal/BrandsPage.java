package dev.consentflow.console.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.brands.BrandKeyTaken;
import dev.consentflow.brands.BrandRecords;
import dev.consentflow.brands.BrandRecords.BrandView;
import dev.consentflow.web.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.util.UriUtils;

/**
 * The account's brands on {@link BrandRecords}, as {@code /api/brands}: ADMINs and MARKETERs create and change them
 * and create a brand's DKIM key, whose DNS record the page shows to publish; COMPLIANCE reads them (the data
 * controller's identity is theirs to check). Bad input shows the form again, as typed, each field with its problem.
 */
@Controller
@ConsolePage
@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER', 'COMPLIANCE')")
class BrandsPage {

    private static final String EDITORS = "hasAnyRole('ADMIN', 'MARKETER')";

    private final BrandRecords brands;

    BrandsPage(BrandRecords brands) {
        this.brands = brands;
    }

    @GetMapping("/app/brands")
    String all(@AuthenticationPrincipal Caller caller, Model model) {
        List<BrandView> all = brands.all(caller.requireAccount());
        Map<String, String> swatches = new java.util.HashMap<>();
        all.stream().filter(b -> b.color() != null).forEach(b -> swatches.put(b.key(), swatch(b.color())));
        model.addAttribute("brands", all);
        model.addAttribute("swatches", swatches);
        return "console/brands";
    }

    @GetMapping("/app/brands/new")
    @PreAuthorize(EDITORS)
    String fresh(Model model) {
        return form(model, null, BrandForm.empty(), Map.of());
    }

    @PostMapping("/app/brands")
    @PreAuthorize(EDITORS)
    String create(@ModelAttribute BrandForm form, @AuthenticationPrincipal Caller caller, Model model,
                  HttpServletResponse response) {
        try {
            BrandView created = brands.create(caller.requireAccount(), form.request());
            return "redirect:/app/brands/" + path(created.key()) + "?created";
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(model, null, form, MarketingInput.fields(e));
        } catch (BrandKeyTaken e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return form(model, null, form, Map.of("keyTaken", true));
        }
    }

    @GetMapping("/app/brands/{key}")
    String one(@PathVariable String key, @AuthenticationPrincipal Caller caller, Model model) {
        BrandView brand = brands.get(caller.requireAccount(), key);
        return form(model, brand, BrandForm.of(brand), Map.of());
    }

    @PostMapping("/app/brands/{key}")
    @PreAuthorize(EDITORS)
    String change(@PathVariable String key, @ModelAttribute BrandForm form, @AuthenticationPrincipal Caller caller,
                  Model model, HttpServletResponse response) {
        AccountId account = caller.requireAccount();
        BrandView brand = brands.get(account, key);
        try {
            brands.change(account, key, form.request());
            return "redirect:/app/brands/" + path(key) + "?saved";
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(model, brand, form, MarketingInput.fields(e));
        }
    }

    /** A new DKIM key (the first, or a rotation); the page then shows its DNS record first. */
    @PostMapping("/app/brands/{key}/dkim")
    @PreAuthorize(EDITORS)
    String dkim(@PathVariable String key, @AuthenticationPrincipal Caller caller) {
        BrandRecords.DkimKeyView created = brands.newDkimKey(caller.requireAccount(), key);
        return "redirect:/app/brands/" + path(key) + "?dkim=" + path(created.selector()) + "#dkim";
    }

    private static String form(Model model, BrandView brand, BrandForm form, Map<String, Boolean> errors) {
        model.addAttribute("brand", brand);
        model.addAttribute("form", form);
        model.addAttribute("fields", BrandForm.FIELDS);
        model.addAttribute("errors", errors);
        model.addAttribute("keys", brand == null ? List.of() : brand.dkimKeys());
        model.addAttribute("swatch", brand == null || brand.color() == null ? null : swatch(brand.color()));
        return "console/brand";
    }

    /** A small square of the brand's colour ({@code #rrggbb}, as stored), as an image the console's CSP allows. */
    static String swatch(String colour) {
        return "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='16' height='16'%3E%3Crect "
                + "width='16' height='16' rx='3' fill='%23" + colour.substring(1) + "'/%3E%3C/svg%3E";
    }

    private static String path(String segment) {
        return UriUtils.encodePathSegment(segment, java.nio.charset.StandardCharsets.UTF_8);
    }
}
