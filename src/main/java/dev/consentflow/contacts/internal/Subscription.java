package dev.consentflow.contacts.internal;

import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.Source;
import dev.consentflow.contacts.SubscriptionStatus;
import dev.consentflow.dispatch.Channel;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** One person on one list, with the evidence of the request and of the confirmation. */
@Table("contacts_subscription")
record Subscription(@Id UUID id, UUID accountId, UUID contactId, UUID listId, Channel channel,
                    SubscriptionStatus status, Source source, Instant subscribedAt, String subscribeIp,
                    String subscribeUserAgent, String formKey, Integer formVersion, String integration,
                    String consentText, Instant confirmedAt, String confirmIp, String confirmUserAgent,
                    Instant unsubscribedAt, Instant bouncedAt, Instant updatedAt, @Version Long version) {

    /** A new subscription asked for with this evidence, waiting for confirmation or confirmed at once. */
    static Subscription requested(UUID accountId, UUID contactId, UUID listId, Channel channel, Source source,
                                  ConsentEvidence evidence, String integration, Instant now) {
        return new Subscription(TimeOrderedId.next(), accountId, contactId, listId, channel,
                SubscriptionStatus.PENDING, source, evidence.at(), evidence.ip(), evidence.userAgent(),
                evidence.formKey(), evidence.formVersion(), integration, evidence.consentText(), null, null,
                null, null, null, now, null);
    }

    /**
     * Asked for again after an unsubscribe or a bounce: pending once more, with the new request's evidence
     * (the earlier evidence stays in the audit log).
     */
    Subscription requestedAgain(Channel newChannel, Source newSource, ConsentEvidence evidence,
                                String newIntegration, Instant now) {
        return new Subscription(id, accountId, contactId, listId, newChannel, SubscriptionStatus.PENDING,
                newSource, evidence.at(), evidence.ip(), evidence.userAgent(), evidence.formKey(),
                evidence.formVersion(), newIntegration, evidence.consentText(), null, null, null, null, null,
                now, version);
    }

    /** The new subscription as its insert stored it: version 0, the version the aggregate's insert starts at. */
    Subscription inserted() {
        return new Subscription(id, accountId, contactId, listId, channel, status, source, subscribedAt, subscribeIp,
                subscribeUserAgent, formKey, formVersion, integration, consentText, confirmedAt, confirmIp,
                confirmUserAgent, unsubscribedAt, bouncedAt, updatedAt, 0L);
    }

    Subscription confirmed(ConsentEvidence evidence, Instant now) {
        return new Subscription(id, accountId, contactId, listId, channel, SubscriptionStatus.CONFIRMED, source,
                subscribedAt, subscribeIp, subscribeUserAgent, formKey, formVersion, integration, consentText,
                evidence.at(), evidence.ip(), evidence.userAgent(), null, null, now, version);
    }

    /** Unsubscribed at that time; the evidence of the request and the confirmation stays, as proof of what was. */
    Subscription unsubscribed(Instant at, Instant now) {
        return new Subscription(id, accountId, contactId, listId, channel, SubscriptionStatus.UNSUBSCRIBED, source,
                subscribedAt, subscribeIp, subscribeUserAgent, formKey, formVersion, integration, consentText,
                confirmedAt, confirmIp, confirmUserAgent, at, bouncedAt, now, version);
    }

    Subscription bounced(Instant now) {
        return new Subscription(id, accountId, contactId, listId, channel, SubscriptionStatus.BOUNCED, source,
                subscribedAt, subscribeIp, subscribeUserAgent, formKey, formVersion, integration, consentText,
                confirmedAt, confirmIp, confirmUserAgent, unsubscribedAt, now, now, version);
    }
}
