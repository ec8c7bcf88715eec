package dev.consentflow.console.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.engine.Automations;
import dev.consentflow.web.NotFoundException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The account's automation flows for ADMINs and MARKETERs, on the same facade as {@code /api/automations}: every
 * deployed version (who deployed it, when, instances, incidents), each drawn as its BPMN diagram by bpmn-js's viewer
 * with the instances and incidents on its activities, the incidents in plain words with a Retry (audited), and the
 * Modeler element templates to download.
 */
@Controller
@ConsolePage
@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
class AutomationsPage {

    private final Automations automations;
    private final ActorNames actors;

    AutomationsPage(Automations automations, ActorNames actors) {
        this.automations = automations;
        this.actors = actors;
    }

    @GetMapping("/app/automations")
    String list(@AuthenticationPrincipal Caller caller, Model model) {
        AccountId account = caller.requireAccount();
        model.addAttribute("flows", automations.flows(account));
        model.addAttribute("actors", actors.forAccount(account));
        return "console/automations";
    }

    @GetMapping("/app/automations/flows/{definitionId}")
    String flow(@PathVariable String definitionId, @AuthenticationPrincipal Caller caller, Model model) {
        AccountId account = caller.requireAccount();
        Automations.Flow flow = automations.flow(account, definitionId)
                .orElseThrow(() -> new NotFoundException("Automation"));
        model.addAttribute("flow", flow);
        model.addAttribute("incidents", automations.incidents(account, definitionId));
        model.addAttribute("actors", actors.forAccount(account));
        return "console/automations-flow";
    }

    /** The BPMN the page's viewer draws. */
    @GetMapping("/app/automations/flows/{definitionId}/diagram")
    ResponseEntity<byte[]> diagram(@PathVariable String definitionId, @AuthenticationPrincipal Caller caller) {
        byte[] xml = automations.diagram(caller.requireAccount(), definitionId)
                .orElseThrow(() -> new NotFoundException("Automation"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(xml);
    }

    @PostMapping("/app/automations/flows/{definitionId}/incidents/{incidentId}/retry")
    String retry(@PathVariable String definitionId, @PathVariable String incidentId,
                 @AuthenticationPrincipal Caller caller) {
        AccountId account = caller.requireAccount();
        if (automations.flow(account, definitionId).isEmpty()
                || !automations.retry(account, incidentId, caller.actor())) {
            throw new NotFoundException("Incident");
        }
        return "redirect:/app/automations/flows/" + definitionId + "?retried";
    }

    /** The element templates as one ZIP, to unpack into the Modeler's {@code resources/element-templates}. */
    @GetMapping("/app/automations/element-templates.zip")
    ResponseEntity<byte[]> elementTemplates() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : automations.elementTemplates().entrySet()) {
                zip.putNextEntry(new ZipEntry("consentflow/" + file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("consentflow-element-templates.zip").build().toString())
                .contentType(MediaType.parseMediaType("application/zip")).body(bytes.toByteArray());
    }
}
