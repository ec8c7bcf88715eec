package dev.consentflow.contacts.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.BehaviourEvent;
import dev.consentflow.contacts.ContactEvents;
import dev.consentflow.contacts.EventType;
import dev.consentflow.contacts.SubscriberId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Behaviour events of cards, their details sealed as JSON under the card's key. */
@Component
class CardEvents implements ContactEvents {

    /** The card view shows the newest events; the person's export shows all of them. */
    static final int ON_CARD = 100;
    private static final int MAX_CAMPAIGN = 64;
    private static final ObjectMapper json = new ObjectMapper();

    private final JdbcAggregateTemplate aggregates;
    private final ContactEventRepository events;
    private final ContactRepository contacts;
    private final Cards cards;

    CardEvents(JdbcAggregateTemplate aggregates, ContactEventRepository events, ContactRepository contacts,
               Cards cards) {
        this.aggregates = aggregates;
        this.events = events;
        this.contacts = contacts;
        this.cards = cards;
    }

    @Override
    @Transactional
    public boolean record(AccountId account, SubscriberId subscriber, BehaviourEvent event) {
        return contacts.findByIdAndAccountId(subscriber.value(), account.value())
                .filter(contact -> !contact.isErased())
                .map(contact -> {
                    record(cards.open(contact), event);
                    return true;
                })
                .orElse(false);
    }

    void record(UnlockedCard card, BehaviourEvent event) {
        if (event.campaign() != null && event.campaign().length() > MAX_CAMPAIGN) {
            throw new IllegalArgumentException("a campaign id has at most " + MAX_CAMPAIGN + " characters");
        }
        UUID id = UUID.randomUUID();
        byte[] details = event.details().isEmpty() ? null
                : card.cipher().seal(CardCipher.eventPlace(id), write(event.details()));
        Contact contact = card.contact();
        aggregates.insert(new ContactEvent(id, contact.accountId(), contact.id(), event.type(),
                event.at() == null ? Cards.now() : event.at(), event.campaign(), details));
        if (event.type() == EventType.OPEN || event.type() == EventType.CLICK) {
            rate(contact.id());
        }
    }

    /** Recomputes a card's MailRating from its recorded facts (see {@link MailRating}). */
    void rate(UUID contactId) {
        ContactEventRepository.RatingFacts facts = events.ratingFacts(contactId,
                Cards.now().minus(MailRating.WINDOW));
        events.setMailRating(contactId, MailRating.of(facts.clicked(), facts.opened(), facts.bounces()));
    }

    @Override
    @Transactional(readOnly = true)
    public long engagementsSince(AccountId account, SubscriberId subscriber, Instant since) {
        return contacts.findByIdAndAccountId(subscriber.value(), account.value())
                .filter(contact -> !contact.isErased())
                .map(contact -> events.countEngagementsSince(contact.id(), since))
                .orElse(0L);
    }

    /** The newest events of a card, with their details opened. */
    List<OpenEvent> newest(UnlockedCard card) {
        return events.findNewest(card.contact().id(), ON_CARD).stream()
                .map(e -> new OpenEvent(e, openDetails(card.cipher(), e.id(), e.detailsSealed())))
                .toList();
    }

    record OpenEvent(ContactEvent event, Map<String, String> details) {
    }

    private static String write(Map<String, String> details) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The details of a stored event, opened under its card's key. */
    static Map<String, String> openDetails(CardCipher cipher, UUID eventId, byte[] sealed) {
        return sealed == null ? Map.of() : read(cipher.open(CardCipher.eventPlace(eventId), sealed));
    }

    private static Map<String, String> read(String details) {
        try {
            return json.readValue(details, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sealed event details are not JSON", e);
        }
    }
}
