package dev.consentflow.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An account's record of processing activities (GDPR Art. 30(1)), generated from what the account has configured
 * and what it holds at this moment: who is responsible, for which purposes people's data is processed, which
 * categories of data, who receives it, how long it is kept and how it is protected. Every item carries a stable
 * {@code code} beside its English description, so a screen can word it in its own language.
 *
 * @param account     the account (the controller's account on this server)
 * @param generatedAt when the record was generated
 * @param controllers the controllers named by the account's lists (their brands)
 * @param activities  one processing activity per list: its purpose, legal basis, channels and subscribers
 * @param categories  the categories of personal data held, with the custom fields in use
 * @param recipients  who receives personal data: the relay, the SMS gateway, platform operators' approved exports
 * @param retention   the retention periods in force
 * @param security    the technical and organisational measures (Art. 32) in force for this account
 * @param transfers   what the product knows about transfers to third countries
 */
public record ProcessingRecord(Account account, Instant generatedAt, List<Controller> controllers,
                               List<Activity> activities, List<Category> categories, List<Recipient> recipients,
                               List<Retention> retention, List<Measure> security, String transfers) {

    public record Account(UUID id, String name) {
    }

    /**
     * A controller as a brand of the account names it; {@code null} parts are not configured (the account itself
     * is then the controller, and its name is given).
     */
    public record Controller(String brand, String name, String address, String dataProtectionContact,
                             String privacyPolicyUrl) {
    }

    /**
     * One purpose: sending the mail or SMS of one list to the people who asked for it.
     *
     * @param subscriptions the list's subscriptions by status ({@code PENDING}, {@code CONFIRMED},
     *                      {@code UNSUBSCRIBED}, {@code BOUNCED})
     * @param consentTexts  the distinct consent texts people agreed to on this list, with how many subscriptions
     *                      each stands behind (the most used first, at most {@value ProcessingRecord#TEXTS_SHOWN})
     */
    public record Activity(String list, String name, String brand, String purpose, String legalBasis,
                           List<String> channels, String dataSubjects, Map<String, Long> subscriptions,
                           List<ConsentText> consentTexts) {
    }

    public record ConsentText(String text, long subscriptions) {
    }

    /** A category of data; {@code items} are the concrete data (for custom fields: their names, with the cards). */
    public record Category(String code, String description, List<String> items, String protection) {
    }

    public record Recipient(String code, String description, String name, String detail) {
    }

    /**
     * A retention period: {@code period} is an ISO-8601 duration when there is one, otherwise null; {@code about}
     * names what it applies to where the code alone does not (the process of a {@code PROCESS_HISTORY}).
     */
    public record Retention(String code, String description, String period, String about) {

        public Retention(String code, String description, String period) {
            this(code, description, period, null);
        }
    }

    /** A measure and whether this account has it on ({@code inForce}; built-in measures are always on). */
    public record Measure(String code, String description, boolean inForce) {
    }

    public static final int TEXTS_SHOWN = 10;
}
