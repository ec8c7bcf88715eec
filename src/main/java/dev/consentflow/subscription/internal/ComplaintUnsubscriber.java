package dev.consentflow.subscription.internal;

import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditEntry;
import dev.consentflow.consent.AuditLog;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.contacts.Unsubscribe;
import dev.consentflow.contacts.UnsubscribeChannel;
import dev.consentflow.contacts.UnsubscribeScope;
import dev.consentflow.contacts.Unsubscribed;
import dev.consentflow.dispatch.FeedbackEvent;
import dev.consentflow.dispatch.FeedbackRecorded;
import dev.consentflow.web.NotFoundException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A complaint about one of our mails (an ARF report, an ESP's spam event) unsubscribes the person from every list
 * of that mail's brand through the {@code unsubscribe} process (channel COMPLAINT), and is audited as COMPLAINED
 * with the provider that reported it: in the transaction that recorded the complaint, so a report read again
 * after a crash finds it done and does nothing twice.
 */
@Component
class ComplaintUnsubscriber {

    static final String ACTOR = "system:feedback-loop";

    private final UnsubscribeDesk desk;
    private final AuditLog audit;

    ComplaintUnsubscriber(UnsubscribeDesk desk, AuditLog audit) {
        this.desk = desk;
        this.audit = audit;
    }

    @EventListener(condition = "#event.kind() == T(dev.consentflow.dispatch.FeedbackEvent$Kind).COMPLAINT")
    void complained(FeedbackRecorded event) {
        if (event.kind() != FeedbackEvent.Kind.COMPLAINT || event.subscriptionId() == null) {
            return;
        }
        java.util.List<String> lists;
        try {
            Unsubscribed outcome = desk.unsubscribeHere(event.account(), new Unsubscribe(
                    new SubscriptionId(event.subscriptionId()), UnsubscribeScope.BRAND, UnsubscribeChannel.COMPLAINT,
                    event.at(), null, null));
            lists = outcome.lists().stream().map(ListInfo::key).toList();
        } catch (NotFoundException e) {
            // The subscription is gone (a purged pending signup): nothing left to unsubscribe, the fact stays.
            lists = java.util.List.of();
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("provider", event.provider());
        detail.put("source", event.source());
        detail.put("messageId", event.messageId());
        detail.put("subscriptionId", event.subscriptionId());
        detail.put("at", event.at());
        detail.put("unsubscribed", lists);
        audit.append(new AuditEntry(event.account(), event.subscriberId(), AuditAction.COMPLAINED, ACTOR, detail,
                null));
    }
}
