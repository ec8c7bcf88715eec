package dev.consentflow.privacy.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Accounts;
import dev.consentflow.brands.BrandDirectory;
import dev.consentflow.contacts.ProcessingInventory;
import dev.consentflow.contacts.ProcessingInventory.FieldUse;
import dev.consentflow.contacts.ProcessingInventory.Inventory;
import dev.consentflow.contacts.ProcessingInventory.ListUse;
import dev.consentflow.dispatch.DeliveryHistory;
import dev.consentflow.dispatch.Processors;
import dev.consentflow.engine.ProcessHistory;
import dev.consentflow.privacy.ProcessingRecord;
import dev.consentflow.privacy.ProcessingRecord.Activity;
import dev.consentflow.privacy.ProcessingRecord.Category;
import dev.consentflow.privacy.ProcessingRecord.ConsentText;
import dev.consentflow.privacy.ProcessingRecord.Controller;
import dev.consentflow.privacy.ProcessingRecord.Measure;
import dev.consentflow.privacy.ProcessingRecord.Recipient;
import dev.consentflow.privacy.ProcessingRecord.Retention;
import dev.consentflow.privacy.RecordsOfProcessing;
import dev.consentflow.subscription.ConfirmationWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the account's record of processing (GDPR Art. 30(1)) from what is configured and held now: the lists as
 * purposes, the data categories with the custom fields in use, the processors and the operators who received
 * approved exports, the retention periods this server enforces and the security measures in force.
 */
@Component
class ProcessingRecords implements RecordsOfProcessing {

    private final Accounts accounts;
    private final ProcessingInventory inventory;
    private final Processors processors;
    private final ConfirmationWindow confirmation;
    private final ErasureSettings erasure;
    private final ErasureProperties erasureProperties;
    private final ExportSettings exports;
    private final ExportRequestRepository exportRequests;
    private final ProcessHistory history;
    private final BrandDirectory brands;
    private final DeliveryHistory deliveries;

    ProcessingRecords(Accounts accounts, ProcessingInventory inventory, Processors processors,
                      ConfirmationWindow confirmation, ErasureSettings erasure, ErasureProperties erasureProperties,
                      ExportSettings exports, ExportRequestRepository exportRequests, ProcessHistory history,
                      BrandDirectory brands, DeliveryHistory deliveries) {
        this.deliveries = deliveries;
        this.accounts = accounts;
        this.inventory = inventory;
        this.processors = processors;
        this.confirmation = confirmation;
        this.erasure = erasure;
        this.erasureProperties = erasureProperties;
        this.exports = exports;
        this.exportRequests = exportRequests;
        this.history = history;
        this.brands = brands;
    }

    @Override
    @Transactional(readOnly = true)
    public ProcessingRecord recordOf(AccountId account) {
        String name = accounts.nameOf(account).orElse(account.value().toString());
        Inventory held = inventory.inventory(account);
        return new ProcessingRecord(new ProcessingRecord.Account(account.value(), name),
                Instant.now().truncatedTo(ChronoUnit.SECONDS), controllers(account, name, held), activities(held),
                categories(held), recipients(account), retention(account), security(account),
                "This server hands personal data only to the recipients listed. Where the mail relay or the SMS "
                        + "gateway is outside the EU/EEA, the controller records the transfer and its safeguard "
                        + "(GDPR Art. 46) here.");
    }

    /**
     * One controller per brand the lists name, with the facts of its brand record (the controller's name, address
     * and data-protection address, the privacy policy); lists without a brand record are sent by the account itself.
     */
    private List<Controller> controllers(AccountId account, String accountName, Inventory held) {
        Set<String> keys = new LinkedHashSet<>();
        held.lists().forEach(l -> keys.add(l.brand()));
        if (keys.isEmpty()) {
            keys.add(null);
        }
        return keys.stream().map(key -> brands.identity(account, key)
                .map(b -> new Controller(key, b.controllerName() != null ? b.controllerName() : b.displayName(),
                        b.controllerAddress(), b.privacyContact(), b.privacyPolicyUrl()))
                .orElse(new Controller(key, accountName, null, null, null))).toList();
    }

    private static List<Activity> activities(Inventory held) {
        return held.lists().stream().map(ProcessingRecords::activity).toList();
    }

    private static Activity activity(ListUse list) {
        List<String> channels = list.channels().isEmpty() ? List.of("EMAIL") : list.channels();
        String how = String.join(" and ", channels.stream().map(c -> c.equals("SMS") ? "SMS" : "email").toList());
        String purpose = "Sending the list \"" + list.name() + "\" by " + how + " to the people who asked for it, "
                + "and measuring its reach where the list turns tracking on";
        return new Activity(list.key(), list.name(), list.brand(), purpose,
                "Consent, GDPR Art. 6(1)(a), given by a confirmed opt-in (ePrivacy Directive Art. 13)",
                channels, "Subscribers of the list", list.byStatus(),
                list.consentTexts().stream().map(t -> new ConsentText(t.text(), t.subscriptions())).toList());
    }

    private static List<Category> categories(Inventory held) {
        List<Category> categories = new ArrayList<>();
        List<String> contact = new ArrayList<>(List.of("email address"));
        if (held.cardsWithMobile() > 0) {
            contact.add("mobile number");
        }
        categories.add(new Category("CONTACT_DETAILS", "Contact details", contact,
                "Encrypted per person; found by a keyed blind index of the full value only"));
        categories.add(new Category("CUSTOM_FIELDS", "Custom fields the account stores about people",
                held.fields().stream().map(ProcessingRecords::fieldItem).toList(), "Encrypted per person"));
        categories.add(new Category("CONSENT_EVIDENCE", "Consent evidence", List.of("list and channel",
                "signup time, IP address and user agent", "confirmation time, IP address and user agent",
                "form and consent text", "unsubscription and bounce times"), "Kept with the subscription"));
        categories.add(new Category("BEHAVIOUR", "Behaviour recorded", held.behaviour().stream()
                .map(ProcessingRecords::behaviourItem).toList(), "Encrypted details per person"));
        categories.add(new Category("TOMBSTONES", "Tombstones of erased people (" + held.tombstones() + ")",
                List.of("permission Deleted", "subscription and confirmation times and IP addresses",
                        "a keyed blind index of the full address"), "No address in clear or encrypted form"));
        return List.copyOf(categories);
    }

    private static String fieldItem(FieldUse field) {
        return field.name() + " (" + field.cards() + (field.cards() == 1 ? " card)" : " cards)");
    }

    private static String behaviourItem(String type) {
        return switch (type) {
            case "OPEN" -> "mail opens";
            case "CLICK" -> "link clicks";
            case "UPDATE" -> "changes of custom fields by automations";
            case "GEO" -> "approximate place";
            default -> type.toLowerCase();
        };
    }

    private List<Recipient> recipients(AccountId account) {
        List<Recipient> recipients = new ArrayList<>();
        for (Processors.Processor p : processors.processors()) {
            String description = switch (p.code()) {
                case "MAIL_RELAY" -> "Mail relay (processor): receives the address and the message to deliver it";
                case "SMS_GATEWAY" -> "SMS gateway (processor): receives the mobile number and the text to deliver it";
                case "DEV_MAIL" -> "Development mail server inside this server: no mail leaves it";
                default -> "Development SMS outbox inside this server: no SMS leaves it";
            };
            recipients.add(new Recipient(p.code(), description, p.endpoint(), "transport security: " + p.security()));
        }
        exportRequests.findByAccountIdOrderByRequestedAtDesc(account.value()).stream()
                .filter(r -> r.status() == ExportRequest.Status.APPROVED)
                .forEach(r -> recipients.add(new Recipient("OPERATOR_EXPORT",
                        "Platform operator with an export approved by the account", r.requestedBy(),
                        r.scope() + (r.listKey() == null ? "" : " " + r.listKey()) + ", approved by "
                                + r.decidedBy() + " at " + r.decidedAt() + ", downloads: " + r.downloads())));
        return List.copyOf(recipients);
    }

    private List<Retention> retention(AccountId account) {
        List<Retention> retention = new ArrayList<>();
        retention.add(new Retention("UNCONFIRMED_SIGNUPS", "Unconfirmed signups are purged (one reminder after "
                + iso(confirmation.reminderAfter()) + ")", iso(confirmation.expireAfter())));
        retention.add(new Retention("SUBSCRIBERS", "Contact cards and their consent evidence: until the person "
                + "is erased (on request, by the account, or when a signup expires unconfirmed)", null));
        retention.add(new Retention("TOMBSTONES", "Tombstones of erased people, to prove the consent and the "
                + "erasure and to block the address", iso(erasureProperties.tombstoneRetention())));
        retention.add(new Retention("MESSAGE_CONTENT", "A message's content is deleted when it reaches its final "
                + "state (sent, failed, suppressed, expired)", null));
        retention.add(new Retention("DISPATCH_LEDGER", "A message's delivery record in the outbox (its campaign's "
                + "statistics are kept as counts; the person's sent-mail history stays until erasure)",
                iso(deliveries.ledgerRetention())));
        retention.add(new Retention("IMPORT_UPLOADS", "Uploaded import files are deleted when the import ends",
                null));
        retention.add(new Retention("EXPORT_RELEASES", "An operator's approved export can be downloaded for",
                iso(exports.releaseValidFor())));
        platformHistory(account).forEach(retention::add);
        return List.copyOf(retention);
    }

    /** ISO 8601 in days when the duration is whole days ({@code P7D}, not {@code PT168H}). */
    static String iso(Duration duration) {
        if (duration == null) {
            return null;
        }
        return duration.toSeconds() % 86_400 == 0 ? "P" + duration.toDays() + "D" : duration.toString();
    }

    /**
     * The engine keeps the history of finished platform processes (the steps of a person's timeline) for the
     * account's period; the audit entries stay.
     */
    private List<Retention> platformHistory(AccountId account) {
        return history.retention(account).stream()
                .map(k -> new Retention("PROCESS_HISTORY", "Process steps of finished \"" + k.name()
                        + "\" processes (the audit entries about them are kept)", k.kept().toString(), k.name()))
                .toList();
    }

    private List<Measure> security(AccountId account) {
        boolean encryptedTransport = processors.processors().stream()
                .filter(p -> p.code().equals("MAIL_RELAY") || p.code().equals("SMS_GATEWAY"))
                .map(p -> !p.security().equals("none") && !p.security().startsWith("STARTTLS when"))
                .reduce(Boolean::logicalAnd)
                .orElse(false);
        return List.of(
                new Measure("ENCRYPTION_AT_REST", "Addresses, mobile numbers, custom fields and behaviour details are "
                        + "encrypted with AES-256-GCM under a data key per person, wrapped by the account's key, "
                        + "derived (HKDF-SHA256) from the master key; erasure destroys the data key", true),
                new Measure("BLIND_INDEX", "People are found by the full address or number only, through an "
                        + "HMAC-SHA256 blind index; there is no partial search", true),
                new Measure("MASKING", "Platform operators see addresses masked and export only with the account's "
                        + "approval, which is audited", true),
                new Measure("FOUR_EYES_ERASURE", "An erasure needs a second person's approval",
                        erasure.approvalRequired(account)),
                new Measure("AUDIT_CHAIN", "Every change to a person, every view by staff and every export is in a "
                        + "hash-chained audit log that can be verified offline", true),
                new Measure("ACCESS_CONTROL", "Roles ADMIN, MARKETER and COMPLIANCE for users and API keys; "
                        + "passwords hashed with bcrypt, sign-in throttled per user and IP, sessions time out", true),
                new Measure("DOUBLE_OPT_IN", "Every subscription is confirmed by the person (double opt-in) and its "
                        + "evidence kept", true),
                new Measure("FLOW_SANDBOX", "Marketers' automation flows are checked at deployment: no code, no "
                        + "access to other accounts", true),
                new Measure("TRANSPORT_ENCRYPTION", "Mail and SMS leave the server over encrypted connections",
                        encryptedTransport));
    }
}
