package dev.consentflow.campaigns.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.campaigns.internal.Recipients.Tracked;
import dev.consentflow.contacts.BehaviourEvent;
import dev.consentflow.contacts.ContactEvents;
import dev.consentflow.contacts.EventType;
import dev.consentflow.contacts.SubscriberId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Opens and clicks of campaign mail: counted on the recipient, recorded as behaviour events on the card. */
@Service
class Tracking {

    private final Recipients recipients;
    private final CampaignLinks links;
    private final ContactEvents events;

    Tracking(Recipients recipients, CampaignLinks links, ContactEvents events) {
        this.recipients = recipients;
        this.links = links;
        this.events = events;
    }

    /** An open; an unknown token changes nothing. */
    @Transactional
    void open(String token) {
        if (TrackingTokens.isWellFormed(token)) {
            recipients.tracked(TrackingTokens.hash(token)).ifPresent(t -> record(t, EventType.OPEN, Map.of()));
        }
    }

    /**
     * A click on {@code {token}{number}}: the stored URL of that link of the recipient's campaign, or empty for
     * anything else (unknown token, a number the campaign has no link for), which then goes nowhere.
     */
    @Transactional
    Optional<String> click(String tokenAndNumber) {
        if (tokenAndNumber == null || tokenAndNumber.length() <= TrackingTokens.CHARS
                || tokenAndNumber.length() > TrackingTokens.CHARS + 6) {
            return Optional.empty();
        }
        String token = tokenAndNumber.substring(0, TrackingTokens.CHARS);
        String number = tokenAndNumber.substring(TrackingTokens.CHARS);
        if (!TrackingTokens.isWellFormed(token) || !number.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        Optional<Tracked> tracked = recipients.tracked(TrackingTokens.hash(token));
        Optional<String> url = tracked.flatMap(t -> links.url(t.campaignId(), Integer.parseInt(number)));
        url.ifPresent(u -> record(tracked.get(), EventType.CLICK, Map.of("url", u)));
        return url;
    }

    private void record(Tracked t, EventType type, Map<String, String> details) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        recipients.opened(t, now, type == EventType.CLICK);
        if (t.subscriberId() != null) {
            events.record(new AccountId(t.accountId()), new SubscriberId(t.subscriberId()),
                    new BehaviourEvent(type, now, t.campaignId().toString(), details));
        }
    }
}
