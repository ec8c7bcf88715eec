package dev.consentflow.contacts;

import dev.consentflow.accounts.AccountId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An account's mailing lists: found by key (as forms, campaigns, imports and exports name them), and as marketers
 * manage them (the console's list screen and {@code /api/lists}), each list with its subscriptions counted by
 * status, its weekly growth and churn, created and renamed.
 */
public interface MailingLists {

    /** A list with how many of its subscriptions are in each status now. */
    record ListCounts(String key, String name, String brand, Instant createdAt, long pending, long confirmed,
                      long unsubscribed, long bounced) {
    }

    /**
     * One ISO week (from its Monday, UTC): subscriptions confirmed in it ({@code joined}) and subscriptions that
     * ended in it, unsubscribed or bounced ({@code left}).
     */
    record ListWeek(LocalDate week, long joined, long left) {
    }

    /**
     * What people set on a list besides its key: its name, brand key (null for none), the language of its pages
     * and built-in mails (a {@link ListLanguage} code) and whether its mail carries the open pixel and tracked links.
     */
    record ListSettings(String name, String brand, String language, boolean trackOpens, boolean trackClicks) {
    }

    /** A subscription that ended (UNSUBSCRIBED or BOUNCED) at a time. */
    record Ended(SubscriptionId subscription, SubscriptionStatus status, Instant at) {
    }

    /** A list of the account by its key. */
    Optional<ListInfo> findList(AccountId account, String listKey);

    List<ListCounts> counts(AccountId account);

    /** One list's counts; a 404 for a key the account does not have. */
    ListCounts counts(AccountId account, String listKey);

    /** The last {@code weeks} weeks of a list, oldest first, this week last; a 404 for an unknown key. */
    List<ListWeek> weeks(AccountId account, String listKey, int weeks);

    ListCounts create(AccountId account, String key, String name, String brand);

    /** A new name and brand for a list (its key stays: forms, flows and evidence name it). */
    ListCounts change(AccountId account, String key, String name, String brand);

    /** A new list with all its settings; a language this server has no texts in is a {@code 400} naming it. */
    ListInfo create(AccountId account, String key, ListSettings settings);

    /** A list's settings, all at once (its key stays); a {@code 404} for an unknown key. */
    ListInfo change(AccountId account, String key, ListSettings settings);

    /** The subscriptions of a list that ended since a time (a campaign's unsubscribes and bounces). */
    List<Ended> endedSince(AccountId account, String listKey, Instant since);

    /** The custom field names the account's live contacts hold (what templates may fill in, with {@code email}). */
    Set<String> fieldNames(AccountId account);
}
