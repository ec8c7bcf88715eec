package dev.consentflow.consent.internal;

import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditEntry;
import dev.consentflow.consent.AuditLog;
import dev.consentflow.engine.IncidentRetried;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Audits every retry of a flow's failed step (INCIDENT_RETRIED), console or API, in the retrying transaction. */
@Component
class IncidentRetriedAuditor {

    private final AuditLog audit;

    IncidentRetriedAuditor(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void on(IncidentRetried retried) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("incidentId", retried.incidentId());
        detail.put("processDefinitionId", retried.processDefinitionId());
        detail.put("activityId", retried.activityId());
        audit.append(new AuditEntry(retried.account(), null, AuditAction.INCIDENT_RETRIED, retried.actor(), detail,
                retried.processInstanceId()));
    }
}
