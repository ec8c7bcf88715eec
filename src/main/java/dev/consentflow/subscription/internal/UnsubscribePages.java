package dev.consentflow.subscription.internal;

import static dev.consentflow.subscription.internal.Pages.escape;

import dev.consentflow.contacts.ContactManagement.SubscriptionRef;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.SubscriptionStatus;
import dev.consentflow.contacts.UnsubscribeScope;
import dev.consentflow.contacts.Unsubscribed;
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

    private static final String DATA_STAYS = "Unsubscribing does not delete your data: you can still ask for a copy "
            + "of it, or for its erasure.";

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
        List<ListInfo> others = brand.stream().skip(1).filter(UnsubscribePages::receives).map(SubscriptionRef::list)
                .toList();
        StringBuilder main = new StringBuilder();
        boolean receives = receives(brand.get(0));
        if (receives) {
            main.append("<h1>Unsubscribe</h1>\n<p>Do you want to stop receiving <strong>").append(escape(list.name()))
                    .append("</strong>? One click is enough; no more mail from this list is sent.</p>\n");
        } else {
            main.append("<h1>You are unsubscribed</h1>\n<p>You no longer receive <strong>").append(escape(list.name()))
                    .append("</strong>.</p>\n");
        }
        if (!others.isEmpty()) {
            main.append("<p>You also receive ").append(names(others)).append(".</p>\n");
        }
        if (receives || !others.isEmpty()) {
            main.append("<form method=\"post\" action=\"/u/").append(escape(token)).append("\">\n");
            if (receives) {
                main.append("<p><button type=\"submit\" name=\"scope\" value=\"LIST\">Unsubscribe from ")
                        .append(escape(list.name())).append("</button></p>\n");
            }
            if (!others.isEmpty()) {
                main.append("<p><button type=\"submit\" name=\"scope\" value=\"BRAND\">Unsubscribe from ")
                        .append(escape(brandLists(list, page))).append("</button></p>\n");
            }
            main.append("</form>\n");
        }
        main.append("<p>").append(escape(DATA_STAYS)).append("</p>");
        return Pages.html(HttpStatus.OK, receives ? "Unsubscribe" : "You are unsubscribed", main.toString(), page);
    }

    /** The answer to a click: what it ended, or that there was nothing left to end. */
    static ResponseEntity<String> done(ListInfo list, UnsubscribeScope scope, Unsubscribed outcome) {
        return done(list, scope, outcome, PageBrand.NONE);
    }

    static ResponseEntity<String> done(ListInfo list, UnsubscribeScope scope, Unsubscribed outcome, PageBrand page) {
        String main = "<h1>You are unsubscribed</h1>\n" + (outcome.changed()
                ? "<p>You will receive no more mail from " + names(outcome.lists()) + ".</p>\n"
                : "<p>You were already unsubscribed from " + (scope == UnsubscribeScope.BRAND
                        ? escape(brandLists(list, page)) : "<strong>" + escape(list.name()) + "</strong>")
                        + ". Nothing has changed.</p>\n")
                + "<p>" + escape(DATA_STAYS) + "</p>";
        return Pages.html(HttpStatus.OK, "You are unsubscribed", main, page);
    }

    /** Unknown, malformed, or of an erased person: one answer for all, which tells nothing about anybody. */
    static ResponseEntity<String> gone() {
        return Pages.message(HttpStatus.GONE, "Link not valid", "This unsubscribe link is not valid. If you still "
                + "receive mail, use the unsubscribe link in the newest one, or reply to it and ask to be removed.");
    }

    private static boolean receives(SubscriptionRef subscription) {
        return subscription.status() == SubscriptionStatus.CONFIRMED
                || subscription.status() == SubscriptionStatus.PENDING;
    }

    /** The brand by its display name when it has a record, else by its key as lists name it. */
    private static String brandLists(ListInfo list, PageBrand page) {
        String brand = page.brandName() != null ? page.brandName() : list.brand();
        return brand == null || brand.isBlank() ? "all our lists" : "all lists of " + brand;
    }

    private static String names(List<ListInfo> lists) {
        return lists.stream().map(l -> "<strong>" + escape(l.name()) + "</strong>").collect(Collectors.joining(", "));
    }
}
