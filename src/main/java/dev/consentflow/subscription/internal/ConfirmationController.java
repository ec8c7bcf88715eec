package dev.consentflow.subscription.internal;

import static dev.consentflow.subscription.internal.Pages.escape;

import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.subscription.internal.ConfirmationClicks.Link;
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
    private final PageBrands brands;

    ConfirmationController(ConfirmationClicks clicks, ClientAddress clientAddress, PageBrands brands) {
        this.clicks = clicks;
        this.clientAddress = clientAddress;
        this.brands = brands;
    }

    @GetMapping("/c/{token}")
    ResponseEntity<String> look(@PathVariable String token) {
        Link link = clicks.look(token);
        if (link == Link.WAITING) {
            return Pages.html(HttpStatus.OK, "Confirm your subscription", """
                    <h1>Confirm your subscription</h1>
                    <p>Press the button to confirm that you want to receive these messages.</p>
                    <form method="post" action="/c/%s"><button type="submit">Yes, confirm my subscription</button></form>
                    """.formatted(escape(token)), brands.ofConfirmation(token));
        }
        return answer(link, brands.ofConfirmation(token));
    }

    @PostMapping("/c/{token}")
    ResponseEntity<String> click(@PathVariable String token, HttpServletRequest request) {
        if (!ConfirmationTokens.isWellFormed(token)) {
            return answer(Link.GONE, PageBrand.NONE);
        }
        ConsentEvidence evidence = ConsentEvidence.ofClick(Instant.now(), clientAddress.of(request),
                SignupValues.cleanUserAgent(request.getHeader(HttpHeaders.USER_AGENT)));
        return answer(clicks.click(token, evidence), brands.ofConfirmation(token));
    }

    /** The 410 page stays plain: naming the list would tell an expired link from one that never was. */
    private static ResponseEntity<String> answer(Link link, PageBrand brand) {
        return switch (link) {
            case CONFIRMED -> Pages.message(HttpStatus.OK, "Subscription confirmed",
                    "Thank you! Your subscription is confirmed.", brand);
            case ALREADY_CONFIRMED, WAITING -> Pages.message(HttpStatus.OK, "Already confirmed",
                    "Your subscription is already confirmed. There is nothing more to do.", brand);
            case GONE -> Pages.message(HttpStatus.GONE, "Link not valid",
                    "This link is not valid any more: it may have expired or been used up. If you still want to "
                            + "subscribe, please sign up again.");
        };
    }
}
