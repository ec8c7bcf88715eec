package dev.consentflow.engine.internal;

import dev.consentflow.accounts.Caller;
import dev.consentflow.engine.Automations;
import dev.consentflow.web.NotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The account's automation flows for machines, as the console's Automations page shows them (ADMIN, MARKETER): the
 * deployed versions with their running instances and incidents, one version's activities and incidents (each with
 * its cause when a template or list is missing), its BPMN diagram, and the retry of an incident's failed step.
 */
@RestController
@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
class AutomationController {

    private final Automations automations;

    AutomationController(Automations automations) {
        this.automations = automations;
    }

    @GetMapping("/api/automations")
    List<Automations.Flow> all(@AuthenticationPrincipal Caller caller) {
        return automations.flows(caller.requireAccount());
    }

    @GetMapping("/api/automations/{definitionId}")
    Map<String, Object> one(@PathVariable String definitionId, @AuthenticationPrincipal Caller caller) {
        Automations.Flow flow = automations.flow(caller.requireAccount(), definitionId)
                .orElseThrow(() -> new NotFoundException("Automation"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("flow", flow);
        answer.put("incidents", automations.incidents(caller.requireAccount(), definitionId));
        return answer;
    }

    @GetMapping("/api/automations/{definitionId}/diagram")
    ResponseEntity<byte[]> diagram(@PathVariable String definitionId, @AuthenticationPrincipal Caller caller) {
        byte[] xml = automations.diagram(caller.requireAccount(), definitionId)
                .orElseThrow(() -> new NotFoundException("Automation"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(xml);
    }

    @PostMapping("/api/automations/incidents/{incidentId}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> retry(@PathVariable String incidentId, @AuthenticationPrincipal Caller caller) {
        if (!automations.retry(caller.requireAccount(), incidentId, caller.actor())) {
            throw new NotFoundException("Incident");
        }
        return Map.of("incidentId", incidentId, "retrying", true);
    }
}
