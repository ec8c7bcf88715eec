package dev.consentflow.campaigns.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.BehaviourEvent;
import dev.consentflow.contacts.ContactEvents;
import dev.consentflow.contacts.EventType;
import dev.consentflow.contacts.SubscriberId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntFunction;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens and clicks of campaign and automation mail: counted on the campaign recipient or the automation mail,
 * recorded as behaviour events on the card (which derive its MailRating). The event names the mailing: the
 * campaign id, or the automation mail's id.
 */
@Service
class Tracking {

    private final Recipients recipients;
    private final CampaignLinks links;
    private final AutomationMails automationMails;
    private final ContactEvents events;

    Tracking(Recipients recipients, CampaignLinks links, AutomationMails automationMails, ContactEvents events) {
        this.recipients = recipients;
        this.links = links;
        this.automationMails = automationMails;
        this.events = events;
    }

    /** Whose mail a token is: the card, the mailing's name on the event, its first-open mark and its links. */
    private record Mailing(UUID accountId, UUID subscriberId, String name, Opened opened,
                           IntFunction<Optional<String>> urls, Clicked clicked) {
    }

    private interface Clicked {
        void link(int number, Instant at);
    }

    private interface Opened {
        void mark(Instant at, boolean click);
    }

    /** An open; an unknown token changes nothing. */
    @Transactional
    void open(String token) {
        if (TrackingTokens.isWellFormed(token)) {
            mailing(TrackingTokens.hash(token)).ifPresent(m -> record(m, EventType.OPEN, Map.of()));
        }
    }

    /**
     * A click on {@code {token}{number}}: the stored URL of that link of the recipient's mailing, or empty for
     * anything else (unknown token, a number the mailing has no link for), which then goes nowhere.
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
        Optional<Mailing> mailing = mailing(TrackingTokens.hash(token));
        int link = Integer.parseInt(number);
        Optional<String> url = mailing.flatMap(m -> m.urls().apply(link));
        url.ifPresent(u -> {
            record(mailing.get(), EventType.CLICK, Map.of("url", u));
            mailing.get().clicked().link(link, Instant.now().truncatedTo(ChronoUnit.MICROS));
        });
        return url;
    }

    private Optional<Mailing> mailing(byte[] hash) {
        Optional<Mailing> campaign = recipients.tracked(hash).map(t -> new Mailing(t.accountId(), t.subscriberId(),
                t.campaignId().toString(), (at, click) -> recipients.opened(t, at, click),
                n -> links.url(t.campaignId(), n), (n, at) -> links.clicked(t.campaignId(), n, at)));
        if (campaign.isPresent()) {
            return campaign;
        }
        return automationMails.tracked(hash).map(m -> new Mailing(m.accountId(), m.subscriberId(),
                m.mailId().toString(), (at, click) -> automationMails.opened(m.mailId(), at, click),
                n -> automationMails.url(m.templateId(), n), (n, at) -> { }));
    }

    private void record(Mailing m, EventType type, Map<String, String> details) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        m.opened().mark(now, type == EventType.CLICK);
        if (m.subscriberId() != null) {
            events.record(new AccountId(m.accountId()), new SubscriberId(m.subscriberId()),
                    new BehaviourEvent(type, now, m.name(), details));
        }
    }
}
