package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.Caller;
import dev.consentflow.subscription.ListMessages;
import dev.consentflow.subscription.ListMessages.Draft;
import dev.consentflow.subscription.ListMessages.ListMessage;
import dev.consentflow.web.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/lists/{key}/messages/{kind}}: an account's own wording of a list's built-in mails
 * (confirmation, reminder, welcome, resubscription), checked for its placeholders when it is written; without one
 * the built-in text in the list's language is sent, and {@code GET} answers it with {@code builtIn: true}. The
 * preview renders a draft, or the mail in use, for a sample person with the renderer that sends it. All of it on
 * {@link ListMessages}, as the console's list mail screen.
 */
@RestController
class MailTemplateController {

    private final ListMessages messages;

    MailTemplateController(ListMessages messages) {
        this.messages = messages;
    }

    record Preview(String subject, String html, String text) {
    }

    @GetMapping("/api/lists/{key}/messages/{kind}")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER', 'COMPLIANCE')")
    ListMessage get(@PathVariable String key, @PathVariable String kind, @AuthenticationPrincipal Caller caller) {
        return messages.inUse(caller.requireAccount(), key, kind);
    }

    @PutMapping("/api/lists/{key}/messages/{kind}")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
    ListMessage put(@PathVariable String key, @PathVariable String kind, @RequestBody Draft template,
                    @AuthenticationPrincipal Caller caller) {
        return messages.save(caller.requireAccount(), key, kind, template);
    }

    @DeleteMapping("/api/lists/{key}/messages/{kind}")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String key, @PathVariable String kind, @AuthenticationPrincipal Caller caller) {
        messages.reset(caller.requireAccount(), key, kind);
    }

    /** A draft with a problem is a {@code 400} naming it, as a save of it would be. */
    @PostMapping("/api/lists/{key}/messages/{kind}/preview")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER', 'COMPLIANCE')")
    Preview preview(@PathVariable String key, @PathVariable String kind,
                    @RequestBody(required = false) Draft draft, @AuthenticationPrincipal Caller caller) {
        ListMessages.Preview preview = messages.preview(caller.requireAccount(), key, kind, draft);
        if (!preview.problems().isEmpty()) {
            throw new InvalidInputException(preview.problems());
        }
        return new Preview(preview.subject(), preview.html(), preview.text());
    }
}
