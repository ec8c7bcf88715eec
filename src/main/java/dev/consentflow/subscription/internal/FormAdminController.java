package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.Caller;
import dev.consentflow.consent.SignupFunnels.FormFunnel;
import dev.consentflow.subscription.SignupFormAdmin;
import dev.consentflow.subscription.SignupFormAdmin.FormInfo;
import dev.consentflow.subscription.SignupFormAdmin.FormSpec;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.NotFoundException;
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

/**
 * {@code /api/forms} (API.md section 3), for the account's marketers: create, list, change, conversion, and the
 * form's allowed origins ({@code PUT /api/forms/{key}/allowed-origins}).
 */
@RestController
@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
class FormAdminController {

    private final SignupFormAdmin forms;

    FormAdminController(SignupFormAdmin forms) {
        this.forms = forms;
    }

    record Origins(List<String> allowedOrigins) {
    }

    @PostMapping("/api/forms")
    @ResponseStatus(HttpStatus.CREATED)
    FormInfo create(@RequestBody FormDefinition definition, @AuthenticationPrincipal Caller caller) {
        return forms.create(caller.requireAccount(), spec(definition));
    }

    @GetMapping("/api/forms")
    List<FormInfo> list(@AuthenticationPrincipal Caller caller) {
        if (caller.isOperator()) {
            throw new NotFoundException("Account");
        }
        return forms.forms(caller.requireAccount());
    }

    /** A new version of the form; the body is the whole definition, its key (when given) the path's. */
    @PutMapping("/api/forms/{key}")
    FormInfo change(@PathVariable String key, @RequestBody FormDefinition definition,
                    @AuthenticationPrincipal Caller caller) {
        if (definition.key() != null && !definition.key().equals(key)) {
            throw new InvalidInputException("key", "must be the key in the path (a form's key never changes)");
        }
        return forms.change(caller.requireAccount(), new FormSpec(key, definition.lists(), definition.channel(),
                definition.fields(), definition.title(), definition.consentText()));
    }

    @GetMapping("/api/forms/{key}/conversion")
    FormFunnel conversion(@PathVariable String key, @AuthenticationPrincipal Caller caller) {
        return forms.conversion(caller.requireAccount(), key);
    }

    /** The sites that may post to the form with fetch (CORS) and show it in an iframe (frame-ancestors). */
    @PutMapping("/api/forms/{key}/allowed-origins")
    FormInfo setAllowedOrigins(@PathVariable String key, @RequestBody Origins body,
                               @AuthenticationPrincipal Caller caller) {
        return forms.allowOrigins(caller.requireAccount(), key, body == null ? null : body.allowedOrigins());
    }

    private static FormSpec spec(FormDefinition d) {
        return new FormSpec(d.key(), d.lists(), d.channel(), d.fields(), d.title(), d.consentText());
    }
}
