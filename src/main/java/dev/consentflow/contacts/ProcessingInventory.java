package dev.consentflow.contacts;

import dev.consentflow.accounts.AccountId;
import java.util.List;
import java.util.Map;

/**
 * What an account keeps about people, counted, never read: its lists with their subscriptions by status and
 * channel and the consent texts behind them, the custom fields in use, the kinds of behaviour recorded. For the
 * record of processing (GDPR Art. 30).
 */
public interface ProcessingInventory {

    Inventory inventory(AccountId account);

    /**
     * @param liveCards       cards that are not erased
     * @param tombstones      erased cards (their minimal tombstones)
     * @param cardsWithMobile live cards with a mobile number
     */
    record Inventory(List<ListUse> lists, List<FieldUse> fields, List<String> behaviour, long liveCards,
                     long tombstones, long cardsWithMobile) {
    }

    /** A list with its subscriptions by status, the channels in use and its consent texts, most used first. */
    record ListUse(String key, String name, String brand, Map<String, Long> byStatus, List<String> channels,
                   List<TextUse> consentTexts) {
    }

    record TextUse(String text, long subscriptions) {
    }

    /** A custom field name and on how many live cards it is set. */
    record FieldUse(String name, long cards) {
    }
}
