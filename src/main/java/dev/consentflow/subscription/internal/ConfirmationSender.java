package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditEntry;
import dev.consentflow.consent.AuditLog;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.contacts.SubscriptionRef;
import dev.consentflow.contacts.Subscriptions;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.dispatch.OutboundMessage;
import dev.consentflow.dispatch.Purpose;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code Task_SendConfirmation}, {@code Task_SendReminder} and {@code Task_SendConfirmationAgain}: a new token
 * bound to the waiting instance, the message in the outbox and the audit entry, all in the step's transaction,
 * so a retried step never leaves a token without its message or the other way round. Nothing is sent once the
 * instance stopped waiting.
 */
@Component
class ConfirmationSender {

    private static final Logger log = LoggerFactory.getLogger(ConfirmationSender.class);
    private static final String ACTOR = "system:" + DoubleOptInProcess.ID;

    private final DoubleOptInRepository doubleOptIns;
    private final ConfirmationTokens tokens;
    private final ConfirmationMessages messages;
    private final Subscriptions contacts;
    private final Dispatch dispatch;
    private final AuditLog audit;

    ConfirmationSender(DoubleOptInRepository doubleOptIns, ConfirmationTokens tokens, ConfirmationMessages messages,
                       Subscriptions contacts, Dispatch dispatch,
                       AuditLog audit) {
        this.doubleOptIns = doubleOptIns;
        this.tokens = tokens;
        this.messages = messages;
        this.contacts = contacts;
        this.dispatch = dispatch;
        this.audit = audit;
    }

    /** The first confirmation, or the reminder, of the instance. */
    void send(String processInstanceId, Purpose purpose) {
        doubleOptIns.lock(processInstanceId).filter(DoubleOptIn::isWaiting)
                .ifPresentOrElse(waiting -> send(waiting, purpose),
                        () -> log.info("Double opt-in {} no longer waits: no {}", processInstanceId, purpose));
    }

    /** A repeated signup: a new link to the instance that waits for this subscription, if one still does. */
    void sendAgain(SubscriptionId subscription) {
        doubleOptIns.lockWaiting(subscription.value()).ifPresent(waiting -> send(waiting, Purpose.CONFIRMATION));
    }

    private void send(DoubleOptIn waiting, Purpose purpose) {
        AccountId account = new AccountId(waiting.accountId());
        Optional<SubscriptionRef> ref = contacts.subscription(account,
                new SubscriptionId(waiting.subscriptionId()));
        if (ref.isEmpty()) {
            log.info("Subscription of double opt-in {} is gone: no {}", waiting.processInstanceId(), purpose);
            return;
        }
        String token = tokens.issue(waiting.processInstanceId());
        var content = messages.confirmation(waiting.channel(), ref.get().list(), messages.confirmationLink(token),
                purpose == Purpose.CONFIRMATION_REMINDER);
        UUID messageId = dispatch.enqueue(new OutboundMessage(account, waiting.subscriberId(),
                waiting.subscriptionId(), waiting.channel(), purpose, null, content, null, null));
        audit.append(new AuditEntry(account, waiting.subscriberId(), AuditAction.CONFIRMATION_SENT, ACTOR,
                Map.of("subscriptionId", waiting.subscriptionId().toString(), "list", ref.get().list().key(),
                        "channel", waiting.channel().name(), "purpose", purpose.name(),
                        "messageId", messageId.toString()),
                waiting.processInstanceId()));
    }
}
