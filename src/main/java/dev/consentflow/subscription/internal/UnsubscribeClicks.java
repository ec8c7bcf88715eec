package dev.consentflow.subscription.internal;

import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.SubscriptionRef;
import dev.consentflow.contacts.Unsubscribe;
import dev.consentflow.contacts.UnsubscribeChannel;
import dev.consentflow.contacts.UnsubscribeScope;
import dev.consentflow.contacts.Unsubscribed;
import dev.consentflow.contacts.Unsubscriptions;
import dev.consentflow.web.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What an unsubscribe link does. Looking at it ({@code GET}) changes nothing, so scanners that fetch every link
 * unsubscribe nobody. A {@code POST} starts the {@code unsubscribe} process and answers once the change is
 * committed; repeating it starts another instance that finds nothing to change. A link of an erased person is
 * refused like an unknown one.
 */
@Component
class UnsubscribeClicks {

    private final UnsubscribeTokens tokens;
    private final Unsubscriptions contacts;
    private final UnsubscribeDesk process;

    UnsubscribeClicks(UnsubscribeTokens tokens, Unsubscriptions contacts, UnsubscribeDesk process) {
        this.tokens = tokens;
        this.contacts = contacts;
        this.process = process;
    }

    /** What the click did, on which list, for the answer page. */
    record Clicked(ListInfo list, UnsubscribeScope scope, Unsubscribed outcome) {
    }

    /** The link's subscription, then the person's others on lists of the brand; empty for a link not valid. */
    List<SubscriptionRef> look(String token) {
        return tokens.find(token)
                .map(target -> contacts.brandSubscriptions(target.account(), target.subscription()))
                .orElse(List.of());
    }

    Optional<Clicked> click(String token, UnsubscribeScope scope, UnsubscribeChannel channel, String ip) {
        Optional<UnsubscribeTokens.Target> target = tokens.find(token);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        List<SubscriptionRef> brand = contacts.brandSubscriptions(target.get().account(),
                target.get().subscription());
        if (brand.isEmpty()) {
            return Optional.empty();
        }
        try {
            Unsubscribed outcome = process.unsubscribe(target.get().account(),
                    new Unsubscribe(target.get().subscription(), scope, channel, Instant.now(), ip, null));
            return Optional.of(new Clicked(brand.get(0).list(), scope, outcome));
        } catch (NotFoundException gone) {
            return Optional.empty();
        }
    }
}
