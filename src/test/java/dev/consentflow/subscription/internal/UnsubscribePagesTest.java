package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.Permission;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.contacts.SubscriptionRef;
import dev.consentflow.contacts.SubscriptionStatus;
import dev.consentflow.contacts.UnsubscribeScope;
import dev.consentflow.contacts.Unsubscribed;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class UnsubscribePagesTest {

    private static final String TOKEN = "a".repeat(43);
    private static final SubscriberId ANNA = new SubscriberId(UUID.randomUUID());
    private static final ListInfo NEWS = new ListInfo(UUID.randomUUID(), "news", "Acme <b>News</b>", "acme");
    private static final ListInfo OFFERS = new ListInfo(UUID.randomUUID(), "offers", "Acme Offers", "acme");

    @Test
    void theLinkOffersThisListAndTheWholeBrandAsButtonsOfOnePostForm() {
        ResponseEntity<String> page = UnsubscribePages.choice(TOKEN,
                List.of(ref(NEWS, SubscriptionStatus.CONFIRMED), ref(OFFERS, SubscriptionStatus.CONFIRMED)));

        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody())
                .contains("<form method=\"post\" action=\"/u/" + TOKEN + "\">")
                .contains("<button type=\"submit\" name=\"scope\" value=\"LIST\">Unsubscribe from Acme &lt;b&gt;News&lt;/b&gt;</button>")
                .contains("<button type=\"submit\" name=\"scope\" value=\"BRAND\">Unsubscribe from all lists of acme</button>")
                .contains("You also receive <strong>Acme Offers</strong>")
                .contains("does not delete your data")
                .doesNotContain("<b>News</b>", "@");
    }

    @Test
    void withoutOtherListsOfTheBrandThereIsNoBrandButton() {
        String page = UnsubscribePages.choice(TOKEN, List.of(ref(NEWS, SubscriptionStatus.CONFIRMED),
                ref(OFFERS, SubscriptionStatus.UNSUBSCRIBED))).getBody();

        assertThat(page).contains("value=\"LIST\"").doesNotContain("value=\"BRAND\"", "Acme Offers");
    }

    @Test
    void anUnsubscribedListSaysSoAndStillOffersTheRestOfTheBrand() {
        String done = UnsubscribePages.choice(TOKEN, List.of(ref(NEWS, SubscriptionStatus.UNSUBSCRIBED))).getBody();
        assertThat(done).contains("<h1>You are unsubscribed</h1>", "You no longer receive").doesNotContain("<form");

        String rest = UnsubscribePages.choice(TOKEN, List.of(ref(NEWS, SubscriptionStatus.UNSUBSCRIBED),
                ref(OFFERS, SubscriptionStatus.CONFIRMED))).getBody();
        assertThat(rest).contains("value=\"BRAND\"").doesNotContain("value=\"LIST\"");
    }

    @Test
    void listsWithoutABrandAreOfferedAsAllOurLists() {
        ListInfo plain = new ListInfo(UUID.randomUUID(), "plain", "Plain", null);
        ListInfo other = new ListInfo(UUID.randomUUID(), "other", "Other", null);
        String page = UnsubscribePages.choice(TOKEN, List.of(ref(plain, SubscriptionStatus.CONFIRMED),
                ref(other, SubscriptionStatus.PENDING))).getBody();
        assertThat(page).contains("Unsubscribe from all our lists");
    }

    @Test
    void theAnswerNamesWhatEndedOrThatNothingChanged() {
        String ended = UnsubscribePages.done(NEWS, UnsubscribeScope.BRAND,
                new Unsubscribed(ANNA, List.of(NEWS, OFFERS), Permission.UNSUBSCRIBED)).getBody();
        assertThat(ended).contains("You will receive no more mail from <strong>Acme &lt;b&gt;News&lt;/b&gt;</strong>, "
                + "<strong>Acme Offers</strong>.");

        ResponseEntity<String> again = UnsubscribePages.done(NEWS, UnsubscribeScope.LIST,
                new Unsubscribed(ANNA, List.of(), Permission.CONFIRMED));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody()).contains("already unsubscribed from <strong>Acme &lt;b&gt;News&lt;/b&gt;</strong>",
                "Nothing has changed");
        assertThat(UnsubscribePages.done(NEWS, UnsubscribeScope.BRAND,
                new Unsubscribed(ANNA, List.of(), Permission.UNSUBSCRIBED)).getBody())
                .contains("already unsubscribed from all lists of acme");
    }

    @Test
    void anInvalidLinkIsGoneWithAGenericPage() {
        ResponseEntity<String> gone = UnsubscribePages.gone(dev.consentflow.subscription.PublicTexts.of("en"));
        assertThat(gone.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(gone.getBody()).contains("not valid").doesNotContain("<form");
    }

    @Test
    void everyPageIsLockedDownAndNeverCached() {
        for (ResponseEntity<String> page : List.of(UnsubscribePages.gone(dev.consentflow.subscription.PublicTexts.of("en")),
                UnsubscribePages.choice(TOKEN, List.of(ref(NEWS, SubscriptionStatus.CONFIRMED))))) {
            assertThat(page.getHeaders().getCacheControl()).contains("no-store");
            assertThat(page.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'none'",
                    "form-action 'self'", "frame-ancestors");
            assertThat(page.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(page.getHeaders().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(page.getBody()).doesNotContain("<script");
        }
    }

    private static SubscriptionRef ref(ListInfo list, SubscriptionStatus status) {
        return new SubscriptionRef(ANNA, new SubscriptionId(UUID.randomUUID()), list, status);
    }
}
