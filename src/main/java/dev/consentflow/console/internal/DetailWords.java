package dev.consentflow.console.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.dispatch.DeliveryHistory;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Shows an audit entry's detail in words ({@code words.of(detail)} in the templates): lists by their name, campaigns
 * by theirs, actors by name, times in the reader's zone, known values (channels, purposes, formats, states) and
 * field names by a message; ids and hashes are not words, so they go to the line's title ({@code words.ids(detail)})
 * instead of its text.
 */
@Component
class DetailWords {

    /** Details that name who did something: shown as the actor's name. */
    private static final Set<String> ACTORS = Set.of("requestedBy", "approvedBy", "decidedBy", "deliveredBy",
            "integration", "by");
    /** Details with a fixed set of values: shown through {@code value.<name>.<VALUE>}. */
    private static final Set<String> CODES = Set.of("channel", "purpose", "kind", "format", "scope", "state", "via",
            "role", "source", "status", "action", "setting", "language", "pack", "leftOut", "leftOutBecause");

    private final MailingLists contacts;
    private final DeliveryHistory deliveries;
    private final MessageSource messages;

    DetailWords(MailingLists contacts, DeliveryHistory deliveries, MessageSource messages) {
        this.contacts = contacts;
        this.deliveries = deliveries;
        this.messages = messages;
    }

    /** One part of a detail line: its label is {@code detail.<name>}; then a time, an actor, a code or text. */
    record Word(String name, String text, String textKey, Instant time, ActorNames.Name actor) {
    }

    /** The words of one page: campaign names looked up at once, list names as they come. */
    Page forPage(AccountId account, ActorNames.Resolver actors, Collection<String> campaignIds) {
        return new Page(account, actors, deliveries.mailingNames(account, campaignIds));
    }

    final class Page {

        private final AccountId account;
        private final ActorNames.Resolver actors;
        private final Map<String, String> campaigns;
        private final Map<String, String> lists = new HashMap<>();

        private Page(AccountId account, ActorNames.Resolver actors, Map<String, String> campaigns) {
            this.account = account;
            this.actors = actors;
            this.campaigns = new HashMap<>(campaigns);
        }

        public List<Word> of(Map<String, Object> detail) {
            List<Word> words = new ArrayList<>();
            if (detail == null) {
                return words;
            }
            detail.forEach((name, value) -> {
                if (value != null && !isId(name)) {
                    words.add(word(name, value));
                }
            });
            return words;
        }

        /** The ids of a detail, for the title of its line. */
        public String ids(Map<String, Object> detail) {
            return detail == null ? "" : detail.entrySet().stream()
                    .filter(e -> e.getValue() != null && isId(e.getKey()))
                    .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
        }

        public String campaign(String id) {
            return id == null ? null : campaigns.computeIfAbsent(id,
                    c -> deliveries.mailingNames(account, List.of(c)).getOrDefault(c, c));
        }

        public String list(String key) {
            return key == null ? null : lists.computeIfAbsent(key,
                    k -> contacts.findList(account, k).map(ListInfo::name).orElse(k));
        }

        private Word word(String name, Object value) {
            String text = String.valueOf(value);
            if (ACTORS.contains(name)) {
                return new Word(name, text, null, null, actors.of(text));
            }
            if (name.equals("list")) {
                return new Word(name, list(text), null, null, null);
            }
            if (name.equals("campaign")) {
                return new Word(name, campaign(text), null, null, null);
            }
            if (name.equals("ip")) {
                return new Word(name, dev.consentflow.web.ClientAddress.canonical(text), null, null, null);
            }
            if (name.endsWith("At") || name.equals("at")) {
                Instant at = instant(text);
                if (at != null) {
                    return new Word(name, text, null, at, null);
                }
            }
            if (value instanceof Collection<?> items) {
                // Field names (a brand's or a list's changed settings): each by its label, if it has one.
                return new Word(name, items.stream().map(String::valueOf).map(item -> messages.getMessage(
                        "value.field." + item, null, item, LocaleContextHolder.getLocale()))
                        .collect(Collectors.joining(", ")), null, null, null);
            }
            if (value instanceof Boolean) {
                return new Word(name, text, "value." + text, null, null);
            }
            if (CODES.contains(name)) {
                return new Word(name, text, "value." + name + "." + text, null, null);
            }
            return new Word(name, text, null, null, null);
        }
    }

    static boolean isId(String name) {
        return name.endsWith("Id") || name.endsWith("Ids") || name.equals("ids") || name.equals("hash")
                || name.endsWith("Sha256")
                || name.equals("seq") || name.equals("tombstoneId") || name.equals("resubscribedAs");
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notATime) {
            return null;
        }
    }
}
