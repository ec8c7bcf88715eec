package dev.consentflow.subscription.internal;

import static dev.consentflow.subscription.internal.Pages.escape;

import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.subscription.PublicTexts;
import dev.consentflow.subscription.internal.ConfirmationClicks.Link;
import dev.consentflow.subscription.internal.ConfirmationClicks.Visit;
import dev.consentflow.web.ClientAddress;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Confirmation links (API.md section 4): {@code GET} shows a button and changes nothing, so scanners that fetch
 * every link confirm nobody; {@code POST} confirms. Unknown, expired and used-up links get one generic
 * {@code 410} page, so a link tells nothing about anybody.
 */
@RestController
class ConfirmationController {

    private final ConfirmationClicks clicks;
    private final ClientAddress clientAddress;
    private final LinkLanguages languages;
    private final PageBrands brands;

    ConfirmationController(ConfirmationClicks clicks, ClientAddress clientAddress, LinkLanguages languages,
                           PageBrands brands) {
        this.clicks = clicks;
        this.clientAddress = clientAddress;
        this.languages = languages;
        this.brands = brands;
    }

    @GetMapping("/c/{token}")
    ResponseEntity<String> look(@PathVariable String token, HttpServletRequest request) {
        Visit visit = clicks.look(token);
        PublicTexts texts = languages.ofConfirmation(visit, request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        if (visit.link() == Link.WAITING) {
            return Pages.html(texts.language(), HttpStatus.OK, texts.text("confirm.title"), """
                    <h1>%s</h1>
                    <p>%s</p>
                    <form method="post" action="/c/%s"><button type="submit">%s</button></form>
                    """.formatted(texts.html("confirm.title"), texts.html("confirm.text"), escape(token),
                    texts.html("confirm.button")), brands.ofConfirmation(visit));
        }
        return answer(visit, texts);
    }

    @PostMapping("/c/{token}")
    ResponseEntity<String> click(@PathVariable String token, HttpServletRequest request) {
        Visit visit = Visit.NOWHERE;
        if (ConfirmationTokens.isWellFormed(token)) {
            visit = clicks.click(token, ConsentEvidence.ofClick(Instant.now(), clientAddress.of(request),
                    SignupValues.cleanUserAgent(request.getHeader(HttpHeaders.USER_AGENT))));
        }
        return answer(visit, languages.ofConfirmation(visit, request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)));
    }

    /** The 410 page stays plain: naming the list would tell an expired link from one that never was. */
    private ResponseEntity<String> answer(Visit visit, PublicTexts texts) {
        return switch (visit.link()) {
            case CONFIRMED -> Pages.message(texts, HttpStatus.OK, "confirmed", brands.ofConfirmation(visit));
            case ALREADY_CONFIRMED, WAITING -> Pages.message(texts, HttpStatus.OK, "already",
                    brands.ofConfirmation(visit));
            case GONE -> Pages.message(texts, HttpStatus.GONE, "confirm.gone");
        };
    }
}
