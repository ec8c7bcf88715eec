package dev.consentflow.console.internal;

import dev.consentflow.accounts.Caller;
import dev.consentflow.privacy.RecordsOfProcessing;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The account's record of processing activities (GDPR Art. 30), as the API generates it, in the user's language,
 * with the Excel and JSON downloads for the compliance officer's files.
 */
@Controller
@ConsolePage
@PreAuthorize("hasAnyRole('ADMIN', 'COMPLIANCE')")
class RecordPage {

    private final RecordsOfProcessing records;

    RecordPage(RecordsOfProcessing records) {
        this.records = records;
    }

    @GetMapping("/app/record")
    String record(@AuthenticationPrincipal Caller caller, Model model) {
        model.addAttribute("record", records.recordOf(caller.requireAccount()));
        return "console/record";
    }
}
