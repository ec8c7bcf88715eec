package dev.consentflow.subscription.internal;

import dev.consentflow.contacts.SubscriptionRef;
import dev.consentflow.contacts.UnsubscribeChannel;
import dev.consentflow.contacts.UnsubscribeScope;
import dev.consentflow.subscription.PublicTexts;
import dev.consentflow.web.ClientAddress;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Unsubscribe links (API.md section 4, RFC 8058). {@code GET /u/{token}} shows the page and changes nothing.
 * {@code POST /u/{token}} unsubscribes at once and answers {@code 200} with a page: the mail client's one-click
 * body {@code List-Unsubscribe=One-Click} (form-urlencoded or multipart) ends this list; the page's form sends
 * {@code scope=LIST} or {@code scope=BRAND}. A POST with neither is taken as a one-click for this list: whoever
 * posts to the link wants out, and RFC 8058 senders must not make it fail. A link that is not valid gets the
 * generic {@code 410} page, like an unknown confirmation link: no answer tells an unknown token from one of an
 * erased person, and 410 tells mail clients to stop offering it.
 */
@RestController
class UnsubscribeLinkController {

    static final String ONE_CLICK = "One-Click";

    private final UnsubscribeClicks clicks;
    private final ClientAddress clientAddress;
    private final PageBrands brands;

    UnsubscribeLinkController(UnsubscribeClicks clicks, ClientAddress clientAddress, PageBrands brands) {
        this.clicks = clicks;
        this.clientAddress = clientAddress;
        this.brands = brands;
    }

    @GetMapping("/u/{token}")
    ResponseEntity<String> look(@PathVariable String token, HttpServletRequest request) {
        List<SubscriptionRef> brand = clicks.look(token);
        return brand.isEmpty() ? UnsubscribePages.gone(browserLanguage(request))
                : UnsubscribePages.choice(token, brand, brands.ofUnsubscribe(token).withController());
    }

    @PostMapping("/u/{token}")
    ResponseEntity<String> click(@PathVariable String token,
                                 @RequestParam(name = "List-Unsubscribe", required = false) String oneClick,
                                 @RequestParam(name = "scope", required = false) String scope,
                                 HttpServletRequest request) {
        boolean fromPage = !ONE_CLICK.equals(oneClick) && scope != null;
        UnsubscribeChannel channel = fromPage ? UnsubscribeChannel.PAGE : UnsubscribeChannel.ONE_CLICK;
        UnsubscribeScope covered = fromPage && "BRAND".equalsIgnoreCase(scope.strip())
                ? UnsubscribeScope.BRAND : UnsubscribeScope.LIST;
        return clicks.click(token, covered, channel, clientAddress.of(request))
                .map(clicked -> UnsubscribePages.done(clicked.list(), clicked.scope(), clicked.outcome(),
                        brands.ofUnsubscribe(token).withController()))
                .orElseGet(() -> UnsubscribePages.gone(browserLanguage(request)));
    }

    private static PublicTexts browserLanguage(HttpServletRequest request) {
        return PublicTexts.ofAcceptLanguage(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }
}
