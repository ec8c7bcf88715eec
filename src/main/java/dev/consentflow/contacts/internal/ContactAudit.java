package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Writes the contacts module's facts to the audit log, with ids, states, times and the IPs of consent evidence
 * only: never an address, a mobile number, a field value, or a user agent (the log outlives an erasure, so it
 * keeps only what the tombstone may keep). The consent text is kept as its SHA-256, which proves which text
 * was shown without copying it into every entry. Entries go in as the transaction commits ({@link AuditAtCommit}).
 */
@Component
class ContactAudit {

    /** Who acts when no API key does: the person, through a form or a link. */
    static final String PERSON = "person";
    /** Who removes expired signups. */
    static final String EXPIRY = "system:double-opt-in";
    /** Who removes tombstones at the end of their retention. */
    static final String RETENTION = "system:retention";
    /** Who reports bounces. */
    static final String DISPATCH = "system:dispatch";

    private final AuditAtCommit log;

    ContactAudit(AuditAtCommit log) {
        this.log = log;
    }

    void subscribed(Subscription subscription, MailingList list) {
        Map<String, Object> detail = about(subscription, list);
        detail.put("at", subscription.subscribedAt());
        detail.put("ip", subscription.subscribeIp());
        detail.put("channel", subscription.channel());
        detail.put("source", subscription.source());
        detail.put("formKey", subscription.formKey());
        detail.put("formVersion", subscription.formVersion());
        detail.put("integration", subscription.integration());
        detail.put("consentTextSha256", sha256(subscription.consentText()));
        append(subscription.accountId(), subscription.contactId(), AuditAction.SUBSCRIBED, detail);
    }

    void confirmed(Subscription subscription, MailingList list) {
        Map<String, Object> detail = about(subscription, list);
        detail.put("at", subscription.confirmedAt());
        detail.put("ip", subscription.confirmIp());
        append(subscription.accountId(), subscription.contactId(), AuditAction.CONFIRMED, detail);
    }

    void bounced(Subscription subscription, MailingList list, String smtpCode) {
        Map<String, Object> detail = about(subscription, list);
        detail.put("smtpCode", smtpCode);
        append(subscription.accountId(), subscription.contactId(), AuditAction.BOUNCED, DISPATCH, detail);
    }

    void purged(Subscription subscription, MailingList list, boolean cardRemoved) {
        Map<String, Object> detail = about(subscription, list);
        detail.put("cardRemoved", cardRemoved);
        append(subscription.accountId(), subscription.contactId(), AuditAction.PENDING_PURGED, EXPIRY, detail);
    }

    void tombstonePurged(Contact tombstone, int subscriptions) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("erasedAt", tombstone.erasedAt());
        detail.put("subscriptions", subscriptions);
        append(tombstone.accountId(), tombstone.id(), AuditAction.TOMBSTONE_PURGED, RETENTION, detail);
    }

    void viewed(Contact contact, String via) {
        append(contact.accountId(), contact.id(), AuditAction.VIEWED, new LinkedHashMap<>(Map.of("via", via)));
    }

    void updated(Contact contact, Collection<String> fieldNames, boolean mobileChanged,
                 boolean emailAdded) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("fields", fieldNames);
        detail.put("mobile", mobileChanged);
        detail.put("email", emailAdded);
        append(contact.accountId(), contact.id(), AuditAction.UPDATED, detail);
    }

    private void append(UUID account, UUID subscriber, AuditAction action, Map<String, Object> detail) {
        append(account, subscriber, action, actor(), detail);
    }

    private void append(UUID account, UUID subscriber, AuditAction action, String actor, Map<String, Object> detail) {
        log.append(new AuditEntry(new AccountId(account), subscriber, action, actor, detail, null));
    }

    /** The API key behind the request, or the person when there is none (a form, a link). */
    static String actor() {
        return Caller.current().map(Caller::actor).orElse(PERSON);
    }

    private static Map<String, Object> about(Subscription subscription, MailingList list) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("subscriptionId", subscription.id());
        detail.put("list", list.key());
        detail.put("status", subscription.status());
        return detail;
    }

    private static String sha256(String text) {
        if (text == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
