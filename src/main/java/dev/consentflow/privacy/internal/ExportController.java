package dev.consentflow.privacy.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.web.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * API.md section 5: a person's whole record ({@code GET /api/contacts/{id}/export}, ADMIN and COMPLIANCE), and an
 * account's own exports of a list or of every contact ({@code GET /api/lists/{key}/export},
 * {@code GET /api/exports/account}, ADMIN). All unmasked, so never for OPERATOR keys, which go through
 * {@code /api/export-requests} and the account's approval. Every download is audited EXPORTED before it streams.
 */
@RestController
class ExportController {

    private final MailingLists lists;
    private final ExportFiles files;
    private final ExportAudit audit;

    ExportController(MailingLists lists, ExportFiles files, ExportAudit audit) {
        this.lists = lists;
        this.files = files;
        this.audit = audit;
    }

    @GetMapping("/api/contacts/{id}/export")
    @PreAuthorize("hasAnyRole('ADMIN', 'COMPLIANCE')")
    void person(@PathVariable UUID id, @RequestParam(required = false) String format,
                @AuthenticationPrincipal Caller caller, HttpServletResponse response) throws IOException {
        ExportFormat chosen = ExportFormat.parse("format", format, ExportFormat.PERSON);
        AccountId account = caller.requireAccount();
        SubscriberId subscriber = new SubscriberId(id);
        files.requirePerson(account, subscriber);
        audit.append(account, id, AuditAction.EXPORTED, caller.actor(),
                ExportAudit.detail("scope", "person", "format", chosen.extension()));
        files.person(account, subscriber, chosen, ExportDownload.start(response, chosen, "contact-" + id));
    }

    @GetMapping("/api/lists/{key}/export")
    @PreAuthorize("hasRole('ADMIN')")
    void list(@PathVariable String key, @RequestParam(required = false) String format,
              @AuthenticationPrincipal Caller caller, HttpServletResponse response) throws IOException {
        ExportFormat chosen = ExportFormat.parse("format", format, ExportFormat.TABLE);
        AccountId account = caller.requireAccount();
        ListInfo list = lists.findList(account, key).orElseThrow(() -> new NotFoundException("List"));
        audit.append(account, null, AuditAction.EXPORTED, caller.actor(),
                ExportAudit.detail("scope", "list", "list", list.key(), "format", chosen.extension()));
        files.table(account, list, chosen, ExportDownload.start(response, chosen, "list-" + list.key()));
    }

    @GetMapping("/api/exports/account")
    @PreAuthorize("hasRole('ADMIN')")
    void account(@RequestParam(required = false) String format, @AuthenticationPrincipal Caller caller,
                 HttpServletResponse response) throws IOException {
        ExportFormat chosen = ExportFormat.parse("format", format, ExportFormat.TABLE);
        AccountId account = caller.requireAccount();
        audit.append(account, null, AuditAction.EXPORTED, caller.actor(),
                ExportAudit.detail("scope", "account", "format", chosen.extension()));
        files.table(account, null, chosen, ExportDownload.start(response, chosen, "account"));
    }
}
