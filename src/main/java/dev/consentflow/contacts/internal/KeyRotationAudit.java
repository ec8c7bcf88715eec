package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditEntry;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The audit entries of a key rotation: versions and counts, never a key. */
@Component
class KeyRotationAudit {

    /** Who retires key versions at the end of a rotation. */
    static final String ROTATION = "system:key-rotation";

    private final AuditAtCommit log;

    KeyRotationAudit(AuditAtCommit log) {
        this.log = log;
    }

    void started(AccountId account, int version, long dataKeys) {
        log.append(new AuditEntry(account, null, AuditAction.KEY_ROTATION_STARTED, ContactAudit.actor(),
                Map.of("version", version, "dataKeys", dataKeys), null));
    }

    void retired(AccountId account, List<Integer> versions, int current) {
        log.append(new AuditEntry(account, null, AuditAction.KEY_VERSION_RETIRED, ROTATION,
                Map.of("versions", versions, "current", current), null));
    }
}
