package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditEntry;
import dev.consentflow.consent.AuditLog;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.contacts.ResubscriptionId;
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
 * {@code Task_SendConfirmation} and {@code Task_SendConfirmationAgain} of the resubscribe process: a new token
 * bound to the waiting instance, the message in the outbox and the audit entry on the tombstone, in the step's
 * transaction. The message names the tombstone and the pending resubscription; contacts resolves the address
 * kept with the request at send time. Nothing is sent once the instance stopped waiting.
 */
@Component
class ResubscriptionSender {

    private static final Logger log = LoggerFactory.getLogger(ResubscriptionSender.class);
    private static final String ACTOR = "system:" + ResubscribeProcess.ID;

    private final ResubscribeRepository rows;
    private final ResubscribeTokens tokens;
    private final ConfirmationMessages messages;
    private final MailingLists contacts;
    private final Dispatch dispatch;
    private final AuditLog audit;

    ResubscriptionSender(ResubscribeRepository rows, ResubscribeTokens tokens, ConfirmationMessages messages,
                         MailingLists contacts, Dispatch dispatch,
                         AuditLog audit) {
        this.rows = rows;
        this.tokens = tokens;
        this.messages = messages;
        this.contacts = contacts;
        this.dispatch = dispatch;
        this.audit = audit;
    }

    /** The confirmation of the instance that waits. */
    void send(String processInstanceId) {
        rows.lock(processInstanceId).filter(Resubscribe::isWaiting).ifPresentOrElse(this::send,
                () -> log.info("Resubscription {} no longer waits: no confirmation", processInstanceId));
    }

    /** A repeated request: a new link to the instance that waits for this resubscription, if one still does. */
    void sendAgain(ResubscriptionId resubscription) {
        rows.lockWaiting(resubscription.value()).ifPresent(this::send);
    }

    private void send(Resubscribe waiting) {
        AccountId account = new AccountId(waiting.accountId());
        Optional<ListInfo> list = contacts.findList(account, waiting.listKey());
        if (list.isEmpty()) {
            log.warn("The list of resubscription {} is gone: no confirmation", waiting.processInstanceId());
            return;
        }
        String token = tokens.issue(waiting.processInstanceId());
        var content = messages.resubscription(waiting.channel(), list.get(), messages.confirmationLink(token));
        UUID messageId = dispatch.enqueue(new OutboundMessage(account, waiting.tombstoneId(),
                waiting.resubscriptionId(), waiting.channel(), Purpose.CONFIRMATION, null, content, null, null));
        audit.append(new AuditEntry(account, waiting.tombstoneId(), AuditAction.CONFIRMATION_SENT, ACTOR,
                Map.of("resubscriptionId", waiting.resubscriptionId().toString(), "list", waiting.listKey(),
                        "channel", waiting.channel().name(), "purpose", Purpose.CONFIRMATION.name(),
                        "messageId", messageId.toString()),
                waiting.processInstanceId()));
    }
}
