package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditEntry;
import dev.consentflow.contacts.Unsubscribe;
import dev.consentflow.contacts.UnsubscribeChannel;
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
    /** Who changes a card from an automation flow's "update a field" task. */
    static final String AUTOMATION = "system:automation";
    /** Who removes expired signups. */
    static final String EXPIRY = "system:double-opt-in";
    /** Who removes tombstones at the end of their retention. */
    static final String RETENTION = "system:retention";
    /** Who reports bounces. */
    static final String DISPATCH = "system:dispatch";
    /** Who reports spam complaints when no API key does. */
    static final String FEEDBACK_LOOP = "system:feedback-loop";

    /** Who removes expired resubscriptions. */
    static final String RESUBSCRIBE_EXPIRY = "system:resubscribe";

    private final AuditAtCommit log;

    ContactAudit(AuditAtCommit log) {
        this.log = log;
    }

    void subscribed(Subscription subscription, MailingList list) {
        subscribed(subscription, list, Map.of());
    }

    /** SUBSCRIBED, with what else the request's handling says (an extra address left out of a new card, why). */
    void subscribed(Subscription subscription, MailingList list, Map<String, Object> more) {
        Map<String, Object> detail = about(subscription, list);
        detail.put("at", subscription.subscribedAt());
        detail.put("ip", subscription.subscribeIp());
        detail.put("channel", subscription.channel());
        detail.put("source", subscription.source());
        detail.put("formKey", subscription.formKey());
        detail.put("formVersion", subscription.formVersion());
        detail.put("integration", subscription.integration());
        detail.put("consentTextSha256", sha256(subscription.consentText()));
        detail.putAll(more);
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

    /**
     * UNSUBSCRIBED, with the request's evidence: when, from which IP, through which channel ({@code via}) and for
     * what scope. A complaint without an API key behind it is reported by a feedback loop, not clicked.
     */
    void unsubscribed(Subscription subscription, MailingList list, Unsubscribe request) {
        Map<String, Object> detail = about(subscription, list);
        detail.put("at", subscription.unsubscribedAt());
        detail.put("ip", request.ip());
        detail.put("via", request.channel());
        detail.put("scope", request.scope());
        String actor = Caller.current().map(Caller::actor)
                .orElse(request.channel() == UnsubscribeChannel.COMPLAINT ? FEEDBACK_LOOP : PERSON);
        log.append(new AuditEntry(new AccountId(subscription.accountId()), subscription.contactId(),
                AuditAction.UNSUBSCRIBED, actor, detail, request.processInstanceId()));
    }

    void purged(Subscription subscription, MailingList list, boolean cardRemoved) {
        Map<String, Object> detail = about(subscription, list);
        detail.put("cardRemoved", cardRemoved);
        append(subscription.accountId(), subscription.contactId(), AuditAction.PENDING_PURGED, EXPIRY, detail);
    }

    /**
     * An erased person's return was asked for: on the tombstone, by whom, with the request's evidence (the address
     * itself stays in the sealed pending row).
     */
    void resubscribeRequested(StoredResubscription pending, MailingList list, ResubscriptionPayload request) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("resubscriptionId", pending.id());
        detail.put("list", list.key());
        detail.put("channel", pending.channel());
        detail.put("at", request.at());
        detail.put("ip", request.ip());
        detail.put("formKey", request.formKey());
        detail.put("formVersion", request.formVersion());
        detail.put("integration", request.integration());
        detail.put("consentTextSha256", sha256(request.consentText()));
        append(pending.accountId(), pending.tombstoneId(), AuditAction.RESUBSCRIBE_REQUESTED, detail);
    }

    /**
     * The person confirmed and came back: RESUBSCRIBED on the tombstone, naming the new card, and on the new card,
     * naming the tombstone. Ids only, so the tombstone's trail shows where the person went and nothing of them.
     */
    void resubscribed(UUID tombstoneId, Subscription subscription, MailingList list) {
        Map<String, Object> onTombstone = new LinkedHashMap<>();
        onTombstone.put("resubscribedAs", subscription.contactId());
        onTombstone.put("list", list.key());
        append(subscription.accountId(), tombstoneId, AuditAction.RESUBSCRIBED, onTombstone);
        Map<String, Object> onCard = about(subscription, list);
        onCard.put("tombstoneId", tombstoneId);
        append(subscription.accountId(), subscription.contactId(), AuditAction.RESUBSCRIBED, onCard);
    }

    /** A resubscription ended unconfirmed (expired, or overtaken): its pending data is gone; this entry stays. */
    void resubscriptionPurged(StoredResubscription pending, MailingList list, String reason) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("resubscriptionId", pending.id());
        detail.put("list", list.key());
        detail.put("channel", pending.channel());
        detail.put("reason", reason);
        append(pending.accountId(), pending.tombstoneId(), AuditAction.PENDING_PURGED, RESUBSCRIBE_EXPIRY, detail);
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

    /** A change of the card; {@code actor} null names the caller's API key (or the person without one). */
    void updated(Contact contact, Collection<String> fieldNames, boolean mobileChanged,
                 boolean emailAdded, String actor) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("fields", fieldNames);
        detail.put("mobile", mobileChanged);
        detail.put("email", emailAdded);
        append(contact.accountId(), contact.id(), AuditAction.UPDATED, actor == null ? actor() : actor, detail);
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
