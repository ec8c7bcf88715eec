package dev.consentflow.consent.internal;

import dev.consentflow.accounts.KeyRevoked;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditEntry;
import dev.consentflow.consent.AuditLog;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Audits every revoked API key (KEY_REVOKED) in the transaction that revokes it, as KEY_CREATED is. */
@Component
class KeyRevokedAuditor {

    private final AuditLog audit;

    KeyRevokedAuditor(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void on(KeyRevoked revoked) {
        audit.append(new AuditEntry(revoked.account(), null, AuditAction.KEY_REVOKED, revoked.actor(),
                Map.of("keyId", revoked.keyId().toString(), "role", revoked.role().name()), null));
    }
}
