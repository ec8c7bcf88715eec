package dev.consentflow.campaigns.internal;

import dev.consentflow.accounts.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API.md section 7: an account's mail templates. */
@RestController
class TemplateController {

    private final Templates templates;

    TemplateController(Templates templates) {
        this.templates = templates;
    }

    // The subject ends up in a header: one line, like the values that fill it (CustomFields).
    record NewTemplate(@NotNull @Pattern(regexp = "[a-z0-9-]{1,64}", message = "must be 1 to 64 of a-z, 0-9 and -")
                       String key,
                       @NotBlank @Size(max = 998) @Pattern(regexp = "[^\\p{Cntrl}\\u2028\\u2029]*",
                               message = "must not contain control characters or line breaks") String subject,
                       @NotBlank @Size(max = 500_000) String html,
                       @NotBlank @Size(max = 500_000) String text) {
    }

    record TemplateView(UUID id, String key, String subject, String html, String text, Instant createdAt) {
        static TemplateView of(Templates.Template t) {
            return new TemplateView(t.id(), t.key(), t.subject(), t.html(), t.text(), t.createdAt());
        }
    }

    @PostMapping("/api/templates")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
    TemplateView create(@Valid @RequestBody NewTemplate request, @AuthenticationPrincipal Caller caller) {
        return TemplateView.of(templates.create(caller.requireAccount(), request.key(), request.subject().strip(),
                request.html(), request.text()));
    }

    @GetMapping("/api/templates")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
    List<TemplateView> all(@AuthenticationPrincipal Caller caller) {
        return templates.all(caller.requireAccount()).stream().map(TemplateView::of).toList();
    }
}
