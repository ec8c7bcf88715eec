package dev.consentflow.brands.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.brands.BrandRecords.BrandView;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditEntry;
import dev.consentflow.consent.AuditLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The account's log of its brand records (BRAND_CREATED, BRAND_CHANGED, in the writing transaction): who set or
 * changed which fields (API.md section 10's names) and when, whether through the API or the console. The values
 * stay in the brand record; the entry names the fields, so a compliance officer can prove when the data controller
 * or the privacy policy a list's people were shown changed, and by whom.
 */
@Component
class BrandAudit {

    /** Who acts when no caller does (a platform task). */
    static final String SYSTEM = "system:brands";

    private static final Map<String, Function<BrandView, String>> FIELDS = fields();

    private final AuditLog log;

    BrandAudit(AuditLog log) {
        this.log = log;
    }

    void created(AccountId account, BrandView brand) {
        append(account, AuditAction.BRAND_CREATED, brand.key(), differing(null, brand));
    }

    void changed(AccountId account, BrandView before, BrandView after) {
        List<String> fields = differing(before, after);
        if (!fields.isEmpty()) {
            append(account, AuditAction.BRAND_CHANGED, after.key(), fields);
        }
    }

    void dkimKeyCreated(AccountId account, String brandKey, String selector) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("brand", brandKey);
        detail.put("fields", List.of("dkim"));
        detail.put("selector", selector);
        log.append(new AuditEntry(account, null, AuditAction.BRAND_CHANGED, actor(), detail, null));
    }

    /** The fields that differ, in API.md's order; against nothing, the fields that are set. */
    static List<String> differing(BrandView before, BrandView after) {
        List<String> fields = new ArrayList<>();
        FIELDS.forEach((name, value) -> {
            String now = blankAsNull(value.apply(after));
            if (before == null ? now != null : !Objects.equals(blankAsNull(value.apply(before)), now)) {
                fields.add(name);
            }
        });
        return fields;
    }

    private void append(AccountId account, AuditAction action, String brandKey, List<String> fields) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("brand", brandKey);
        detail.put("fields", fields);
        log.append(new AuditEntry(account, null, action, actor(), detail, null));
    }

    private static String actor() {
        return Caller.current().map(Caller::actor).orElse(SYSTEM);
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Map<String, Function<BrandView, String>> fields() {
        Map<String, Function<BrandView, String>> fields = new LinkedHashMap<>();
        fields.put("name", BrandView::name);
        fields.put("controller.name", b -> b.controller() == null ? null : b.controller().name());
        fields.put("controller.address", b -> b.controller() == null ? null : b.controller().address());
        fields.put("controller.email", b -> b.controller() == null ? null : b.controller().email());
        fields.put("privacyUrl", BrandView::privacyUrl);
        fields.put("logoUrl", BrandView::logoUrl);
        fields.put("color", BrandView::color);
        fields.put("from.name", b -> b.from() == null ? null : b.from().name());
        fields.put("from.address", b -> b.from() == null ? null : b.from().address());
        fields.put("replyTo", BrandView::replyTo);
        fields.put("domain", BrandView::domain);
        return fields;
    }
}
