package dev.consentflow.subscription.internal;

import static dev.consentflow.subscription.internal.Pages.escape;

import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.SubscriptionRef;
import dev.consentflow.contacts.SubscriptionStatus;
import dev.consentflow.contacts.UnsubscribeScope;
import dev.consentflow.contacts.Unsubscribed;
import dev.consentflow.subscription.PublicTexts;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The pages behind an unsubscribe link (API.md section 4): the choice between this list and every list of its
 * brand, the answer after the click, and one generic {@code 410} for links that are not (or no longer) valid.
 * They name lists and the brand, never the address: whoever holds a forwarded mail sees no more than the mail.
 */
final class UnsubscribePages {

    private UnsubscribePages() {
    }

    /**
     * What {@code GET /u/{token}} shows: the subscription the link belongs to first, then the person's other
     * subscriptions to lists of the brand. A button per scope; nothing changes until one is pressed.
     */
    static ResponseEntity<String> choice(String token, List<SubscriptionRef> brand) {
        return choice(token, brand, PageBrand.NONE);
    }

    /** As {@link #choice(String, List)}, in the brand's frame. */
    static ResponseEntity<String> choice(String token, List<SubscriptionRef> brand, PageBrand page) {
        ListInfo list = brand.get(0).list();
        PublicTexts t = PublicTexts.of(list.language());
        List<ListInfo> others = brand.stream().skip(1).filter(UnsubscribePages::receives).map(SubscriptionRef::list)
                .toList();
        StringBuilder main = new StringBuilder();
        boolean receives = receives(brand.get(0));
        if (receives) {
            main.append("<h1>").append(t.html("unsubscribe.title")).append("</h1>\n<p>")
                    .append(t.html("unsubscribe.question", strong(list))).append("</p>\n");
        } else {
            main.append("<h1>").append(t.html("unsubscribe.done.title")).append("</h1>\n<p>")
                    .append(t.html("unsubscribe.no.longer", strong(list))).append("</p>\n");
        }
        if (!others.isEmpty()) {
            main.append("<p>").append(t.html("unsubscribe.also", names(others))).append("</p>\n");
        }
        if (receives || !others.isEmpty()) {
            main.append("<form method=\"post\" action=\"/u/").append(escape(token)).append("\">\n");
            if (receives) {
                main.append("<p><button type=\"submit\" name=\"scope\" value=\"LIST\">")
                        .append(t.html("unsubscribe.button", escape(list.name()))).append("</button></p>\n");
            }
            if (!others.isEmpty()) {
                main.append("<p><button type=\"submit\" name=\"scope\" value=\"BRAND\">")
                        .append(t.html("unsubscribe.button", escape(brandLists(t, list, page)))).append("</button></p>\n");
            }
            main.append("</form>\n");
        }
        main.append("<p>").append(t.html("unsubscribe.data")).append("</p>");
        return Pages.html(t.language(), HttpStatus.OK,
                t.text(receives ? "unsubscribe.title" : "unsubscribe.done.title"), main.toString(), page);
    }

    /** The answer to a click: what it ended, or that there was nothing left to end. */
    static ResponseEntity<String> done(ListInfo list, UnsubscribeScope scope, Unsubscribed outcome) {
        return done(list, scope, outcome, PageBrand.NONE);
    }

    static ResponseEntity<String> done(ListInfo list, UnsubscribeScope scope, Unsubscribed outcome, PageBrand page) {
        PublicTexts t = PublicTexts.of(list.language());
        String main = "<h1>" + t.html("unsubscribe.done.title") + "</h1>\n" + (outcome.changed()
                ? "<p>" + t.html("unsubscribe.sent.none", names(outcome.lists())) + "</p>\n"
                : "<p>" + t.html("unsubscribe.already", scope == UnsubscribeScope.BRAND
                        ? escape(brandLists(t, list, page)) : strong(list)) + "</p>\n")
                + "<p>" + t.html("unsubscribe.data") + "</p>";
        return Pages.html(t.language(), HttpStatus.OK, t.text("unsubscribe.done.title"), main, page);
    }

    /** Unknown, malformed, or of an erased person: one answer for all, which tells nothing about anybody. */
    static ResponseEntity<String> gone(PublicTexts texts) {
        return Pages.message(texts, HttpStatus.GONE, "unsubscribe.gone");
    }

    private static boolean receives(SubscriptionRef subscription) {
        return subscription.status() == SubscriptionStatus.CONFIRMED
                || subscription.status() == SubscriptionStatus.PENDING;
    }

    /** The brand by its display name when it has a record, else by its key as lists name it. */
    private static String brandLists(PublicTexts t, ListInfo list, PageBrand page) {
        String brand = page.brandName() != null ? page.brandName() : list.brand();
        return brand == null || brand.isBlank() ? t.text("unsubscribe.all") : t.text("unsubscribe.all.of", brand);
    }

    private static String strong(ListInfo list) {
        return "<strong>" + escape(list.name()) + "</strong>";
    }

    private static String names(List<ListInfo> lists) {
        return lists.stream().map(l -> "<strong>" + escape(l.name()) + "</strong>").collect(Collectors.joining(", "));
    }
}
