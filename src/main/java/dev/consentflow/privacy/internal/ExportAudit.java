package dev.consentflow.privacy.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditEntry;
import dev.consentflow.consent.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Writes the privacy module's export facts to the audit log: ids, formats, states and times only. A person's
 * export is an entry about that person; a list or account export is one entry of the account, and, when an operator
 * downloads it, one entry about each person in it.
 */
@Component
class ExportAudit {

    private final AuditLog log;

    ExportAudit(AuditLog log) {
        this.log = log;
    }

    void append(AccountId account, UUID subscriberId, AuditAction action, String actor, Map<String, Object> detail) {
        log.append(new AuditEntry(account, subscriberId, action, actor, detail, null));
    }

    void append(AccountId account, UUID subscriberId, AuditAction action, String actor, String processInstanceId,
                Map<String, Object> detail) {
        log.append(new AuditEntry(account, subscriberId, action, actor, detail, processInstanceId));
    }

    /** One entry per person (an export's recipients), written in bulk. */
    void appendForEach(AccountId account, AuditAction action, String actor, String processInstanceId,
                       Map<String, Object> detail, java.util.List<UUID> people) {
        log.appendForEach(new AuditEntry(account, null, action, actor, detail, processInstanceId), people);
    }

    /** A detail map that keeps its order and takes nulls (an absent list, a person's export). */
    static Map<String, Object> detail(Object... namesAndValues) {
        Map<String, Object> detail = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            detail.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return detail;
    }
}
