package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.contacts.ContactManagement;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.subscription.internal.SignupForms.SignupForm;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.NotFoundException;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
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
 * {@code POST /api/forms} and {@code GET /api/forms} (API.md section 3), and the form's allowed origins
 * ({@code PUT /api/forms/{key}/allowed-origins}), for the account's marketers.
 */
@RestController
@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
class FormAdminController {

    private final SignupForms forms;
    private final ContactManagement contacts;
    private final String publicUrl;

    FormAdminController(SignupForms forms, ContactManagement contacts,
                        @Value("${consentflow.public-url}") String publicUrl) {
        this.forms = forms;
        this.contacts = contacts;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    record FormView(String key, List<String> lists, Channel channel, List<String> fields, String title,
                    String consentText, int version, String url, String embedScript, List<String> allowedOrigins) {
    }

    record Origins(List<String> allowedOrigins) {
    }

    @PostMapping("/api/forms")
    @ResponseStatus(HttpStatus.CREATED)
    FormView create(@RequestBody FormDefinition definition, @AuthenticationPrincipal Caller caller) {
        AccountId account = caller.requireAccount();
        definition.validated();
        if (contacts.findList(account, definition.listKey()).isEmpty()) {
            throw new InvalidInputException("lists", "names a list this account does not have");
        }
        return view(forms.create(account, definition));
    }

    @GetMapping("/api/forms")
    List<FormView> list(@AuthenticationPrincipal Caller caller) {
        if (caller.isOperator()) {
            throw new NotFoundException("Account");
        }
        return forms.ofAccount(caller.requireAccount()).stream().map(this::view).toList();
    }

    /** The sites that may post to the form with fetch (CORS) and show it in an iframe (frame-ancestors). */
    @PutMapping("/api/forms/{key}/allowed-origins")
    FormView setAllowedOrigins(@PathVariable String key, @RequestBody Origins body,
                               @AuthenticationPrincipal Caller caller) {
        AccountId account = caller.requireAccount();
        List<String> origins = AllowedOrigins.checked(body == null ? null : body.allowedOrigins());
        if (!forms.setAllowedOrigins(account, key, origins)) {
            throw new NotFoundException("Form");
        }
        return forms.find(key).map(this::view).orElseThrow(() -> new NotFoundException("Form"));
    }

    private FormView view(SignupForm form) {
        FormDefinition d = form.definition();
        String url = publicUrl + "/f/" + d.key();
        return new FormView(d.key(), d.lists(), d.channel(), d.fields(), d.titleOrDefault(), d.consentTextOrDefault(),
                form.version(), url, url + "/embed.js", form.allowedOrigins());
    }
}
