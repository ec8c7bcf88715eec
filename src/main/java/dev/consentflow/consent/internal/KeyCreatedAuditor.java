package dev.consentflow.consent.internal;

import dev.consentflow.accounts.KeyCreated;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditEntry;
import dev.consentflow.consent.AuditLog;
import java.util.Map;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.stereotype.Component;

/**
 * Audits every new API key (KEY_CREATED) in the transaction that creates it. A plain listener bean rather than
 * an {@code @EventListener} method, because the bootstrap keys are created while the context is still starting,
 * before annotated listeners are registered.
 */
@Component
class KeyCreatedAuditor implements ApplicationListener<PayloadApplicationEvent<KeyCreated>> {

    private final AuditLog audit;

    KeyCreatedAuditor(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void onApplicationEvent(PayloadApplicationEvent<KeyCreated> event) {
        KeyCreated created = event.getPayload();
        audit.append(new AuditEntry(created.account(), null, AuditAction.KEY_CREATED, created.actor(),
                Map.of("keyId", created.keyId().toString(), "role", created.role().name()), null));
    }
}
