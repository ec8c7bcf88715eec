package dev.consentflow.privacy.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditEntry;
import dev.consentflow.consent.AuditLog;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The per-account switch of the four-eyes approval before an erasure. Off until an admin switches it on; every
 * change is audited (SETTING_CHANGED), because switching it off is something a compliance officer must see.
 */
@Component
class ErasureSettings {

    static final String SETTING = "erasureApprovalRequired";

    private final ErasureSettingRepository settings;
    private final AuditLog audit;

    ErasureSettings(ErasureSettingRepository settings, AuditLog audit) {
        this.settings = settings;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    boolean approvalRequired(AccountId account) {
        return settings.findById(account.value()).map(ErasureSetting::approvalRequired).orElse(false);
    }

    @Transactional
    ErasureSetting change(Caller caller, boolean approvalRequired) {
        AccountId account = caller.requireAccount();
        settings.put(account.value(), approvalRequired, Instant.now().truncatedTo(ChronoUnit.MICROS),
                caller.actor());
        audit.append(new AuditEntry(account, null, AuditAction.SETTING_CHANGED, caller.actor(),
                Map.of("setting", SETTING, "value", approvalRequired), null));
        return settings.findById(account.value()).orElseThrow();
    }

    @Transactional(readOnly = true)
    ErasureSetting of(AccountId account) {
        return settings.findById(account.value()).orElse(new ErasureSetting(account.value(), false, null, null));
    }
}
