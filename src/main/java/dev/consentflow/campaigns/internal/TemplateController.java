package dev.consentflow.campaigns.internal;

import dev.consentflow.accounts.Caller;
import dev.consentflow.campaigns.Templates;
import dev.consentflow.campaigns.Templates.Preview;
import dev.consentflow.campaigns.Templates.TemplateView;
import dev.consentflow.web.InvalidInputException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API.md section 7: an account's mail templates, their changes and their preview. */
@RestController
@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
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

    /** The parts of a template, for a change or a preview (a preview's parts may be empty). */
    record TemplateParts(@NotNull @Size(max = 998) @Pattern(regexp = "[^\\p{Cntrl}\\u2028\\u2029]*",
            message = "must not contain control characters or line breaks") String subject,
                         @NotNull @Size(max = 500_000) String html,
                         @NotNull @Size(max = 500_000) String text) {
    }

    @PostMapping("/api/templates")
    @ResponseStatus(HttpStatus.CREATED)
    TemplateView create(@Valid @RequestBody NewTemplate request, @AuthenticationPrincipal Caller caller) {
        return templates.create(caller.requireAccount(), request.key(), request.subject().strip(), request.html(),
                request.text());
    }

    @GetMapping("/api/templates")
    List<TemplateView> all(@AuthenticationPrincipal Caller caller) {
        return templates.templates(caller.requireAccount());
    }

    @GetMapping("/api/templates/{key}")
    TemplateView one(@PathVariable String key, @AuthenticationPrincipal Caller caller) {
        return templates.template(caller.requireAccount(), key);
    }

    @PutMapping("/api/templates/{key}")
    TemplateView change(@PathVariable String key, @Valid @RequestBody TemplateParts request,
                        @AuthenticationPrincipal Caller caller) {
        if (request.subject().isBlank() || request.html().isBlank() || request.text().isBlank()) {
            throw new InvalidInputException("template", "needs a subject, an HTML part and a text part");
        }
        return templates.change(caller.requireAccount(), key, request.subject().strip(), request.html(),
                request.text());
    }

    @PostMapping("/api/templates/preview")
    Preview preview(@Valid @RequestBody TemplateParts request, @AuthenticationPrincipal Caller caller) {
        return templates.preview(caller.requireAccount(), request.subject(), request.html(), request.text());
    }
}
