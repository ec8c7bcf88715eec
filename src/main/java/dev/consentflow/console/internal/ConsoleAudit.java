package dev.consentflow.console.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditEntry;
import dev.consentflow.consent.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The console's own facts in the account's audit chain: sign-ins, sign-outs and the users' administration. */
@Component
class ConsoleAudit {

    private final AuditLog log;

    ConsoleAudit(AuditLog log) {
        this.log = log;
    }

    /** In the caller's transaction, or one of its own when there is none (a sign-in). */
    @Transactional(propagation = Propagation.REQUIRED)
    void append(AccountId account, AuditAction action, String actor, Object... detail) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i + 1 < detail.length; i += 2) {
            details.put(String.valueOf(detail[i]), detail[i + 1] instanceof UUID id ? id.toString() : detail[i + 1]);
        }
        log.append(new AuditEntry(account, null, action, actor, details, null));
    }
}
