package dev.consentflow.subscription.internal;

import dev.consentflow.subscription.PublicTexts;
import dev.consentflow.subscription.internal.SignupForms.SignupForm;
import dev.consentflow.web.ClientAddress;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.NotFoundException;
import dev.consentflow.web.TooManyRequestsException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public signup form (API.md section 3): the page, its embed script, and the post, as JSON ({@code 202}
 * or problem JSON) or from a browser ({@code 303} to the thank-you page, or the page again with the errors).
 */
@RestController
class FormController {

    private final FormSignups signups;
    private final EmbedScript embed;
    private final ClientAddress clientAddress;
    private final PageBrands brands;

    FormController(FormSignups signups, EmbedScript embed, ClientAddress clientAddress, PageBrands brands) {
        this.signups = signups;
        this.embed = embed;
        this.clientAddress = clientAddress;
        this.brands = brands;
    }

    /** Not just {@code Accepted}: /v3/api-docs names a schema by its simple class name, and resubscriptions have one. */
    record SignupAccepted(String status) {
    }

    @GetMapping("/f/{key}")
    ResponseEntity<String> page(@PathVariable String key, HttpServletRequest request) {
        return find(key).map(form -> Pages.html(form.texts().language(), HttpStatus.OK, form.title(),
                FormPage.form(form, "/f/" + form.key(), Map.of(), List.of()), brands.ofForm(form).withController().headedBy(form.title()),
                form.allowedOrigins())).orElseGet(() -> notFound(request));
    }

    @GetMapping("/f/{key}/thanks")
    ResponseEntity<String> thanks(@PathVariable String key, HttpServletRequest request) {
        return find(key).map(form -> Pages.html(form.texts().language(), HttpStatus.OK,
                        form.texts().text("thanks.title"), FormPage.thanks(form), brands.ofForm(form),
                        form.allowedOrigins()))
                .orElseGet(() -> notFound(request));
    }

    @GetMapping(value = "/f/{key}/embed.js")
    ResponseEntity<String> embed(@PathVariable String key) {
        return find(key).map(form -> embed.script(form, brands.ofForm(form).withController())).orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                .contentType(EmbedScript.JAVASCRIPT).body("/* no such form */\n"));
    }

    @PostMapping(value = "/f/{key}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    SignupAccepted json(@PathVariable String key, @RequestBody Map<String, Object> body, HttpServletRequest request) {
        SignupForm form = signups.form(key);
        signups.submit(form, SignupValues.fromJson(body), clientAddress.of(request),
                request.getHeader(HttpHeaders.USER_AGENT));
        return new SignupAccepted("PENDING");
    }

    @PostMapping(value = "/f/{key}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> browser(@PathVariable String key, @RequestParam MultiValueMap<String, String> params,
                                   HttpServletRequest request) {
        Optional<SignupForm> found = find(key);
        if (found.isEmpty()) {
            return notFound(request);
        }
        SignupForm form = found.get();
        Map<String, String> values = params.toSingleValueMap();
        try {
            signups.submit(form, values, clientAddress.of(request), request.getHeader(HttpHeaders.USER_AGENT));
        } catch (InvalidInputException e) {
            return Pages.html(form.texts().language(), HttpStatus.BAD_REQUEST, form.title(),
                    FormPage.form(form, "/f/" + form.key(), values, e.errors()), brands.ofForm(form).withController().headedBy(form.title()),
                    form.allowedOrigins());
        } catch (TooManyRequestsException e) {
            ResponseEntity<String> page = Pages.message(form.texts(), HttpStatus.TOO_MANY_REQUESTS, "form.wait");
            return ResponseEntity.status(page.getStatusCode()).headers(page.getHeaders())
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, e.retryAfter().toSeconds())))
                    .body(page.getBody());
        } catch (NotFoundException e) {
            return notFound(request);
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/f/" + form.key() + "/thanks")).build();
    }

    private Optional<SignupForm> find(String key) {
        try {
            return Optional.of(signups.form(key));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private static ResponseEntity<String> notFound(HttpServletRequest request) {
        return Pages.message(PublicTexts.ofAcceptLanguage(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)),
                HttpStatus.NOT_FOUND, "form.missing");
    }
}
