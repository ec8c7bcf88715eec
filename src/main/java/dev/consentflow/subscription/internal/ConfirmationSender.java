package dev.consentflow.subscription.internal;

import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditEntry;
import dev.consentflow.consent.AuditLog;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.dispatch.OutboundMessage;
import dev.consentflow.dispatch.OutboundMessage.Content;
import dev.consentflow.dispatch.Purpose;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code Task_SendConfirmation}, {@code Task_SendReminder} and {@code Task_SendConfirmationAgain} of both
 * processes: a new link bound to the waiting request, the message in the outbox and the audit entry on the person
 * it goes to, all in the step's transaction, so a retried step never leaves a link without its message or the
 * other way round. The request's purpose picks the mail: a signup's confirmation (or reminder), or a
 * resubscription's, which says that a confirmed opt-in is required. The message names the person and what is
 * pending, in the name of its list's brand (one read of the brand record, for a list that names a brand);
 * contacts resolves the address at send time (a resubscription's from its sealed request). Nothing is sent once
 * the request stopped waiting.
 */
@Component
class ConfirmationSender {

    private static final Logger log = LoggerFactory.getLogger(ConfirmationSender.class);

    private final ConfirmationRequestRepository requests;
    private final ConfirmationRequests waiting;
    private final ConfirmationTokens tokens;
    private final ConfirmationSubjects subjects;
    private final ConfirmationMessages messages;
    private final Dispatch dispatch;
    private final AuditLog audit;
    private final PageBrands brands;

    ConfirmationSender(ConfirmationRequestRepository requests, ConfirmationRequests waiting, ConfirmationTokens tokens,
                       ConfirmationSubjects subjects, ConfirmationMessages messages, Dispatch dispatch,
                       AuditLog audit, PageBrands brands) {
        this.brands = brands;
        this.requests = requests;
        this.waiting = waiting;
        this.tokens = tokens;
        this.subjects = subjects;
        this.messages = messages;
        this.dispatch = dispatch;
        this.audit = audit;
    }

    /** The first confirmation, or the reminder, of the instance's request. */
    void send(String processInstanceId, Purpose purpose) {
        requests.lock(processInstanceId).filter(ConfirmationRequest::isWaiting)
                .ifPresentOrElse(request -> send(request, purpose),
                        () -> log.info("Confirmation request {} no longer waits: no {}", processInstanceId, purpose));
    }

    /**
     * The first confirmation of a request registered in this very transaction, with the list it was registered
     * on: no look-up, no lock (nobody else sees the row before the commit).
     */
    void sendFirst(ConfirmationRequest request, ListInfo list, ConfirmationTokens.Issued link) {
        send(request, list, Purpose.CONFIRMATION, link);
    }

    /** A repeated request: a new link to the request that waits for the same subject, if one still does. */
    void sendAgain(ConfirmationPurpose purpose, UUID subject) {
        waiting.lockWaiting(purpose, subject).ifPresent(request -> send(request, Purpose.CONFIRMATION));
    }

    private void send(ConfirmationRequest request, Purpose purpose) {
        Optional<ListInfo> list = subjects.list(request);
        if (list.isEmpty()) {
            log.info("The subscription or list of confirmation request {} is gone: no {}",
                    request.processInstanceId(), purpose);
            return;
        }
        send(request, list.get(), purpose, null);
    }

    /** The message with a new link, or with {@code issued}, the link (and wording) written with the request. */
    private void send(ConfirmationRequest request, ListInfo list, Purpose purpose, ConfirmationTokens.Issued issued) {
        boolean reminder = purpose == Purpose.CONFIRMATION_REMINDER;
        // A mail's link comes with the list's own wording of it, read in the link's insert: one statement, not two.
        ConfirmationTokens.Issued link = issued != null ? issued
                : request.channel() == Channel.SMS ? new ConfirmationTokens.Issued(tokens.issue(request), Optional.empty())
                : tokens.issue(request, list.id(), ConfirmationMessages.kind(request.purpose(), reminder));
        Content content = messages.confirmation(request.purpose(), request.channel(), list,
                brands.ofMail(request.account(), request.channel(), list), messages.confirmationLink(link.token()),
                reminder, link.wording());
        UUID messageId = dispatch.enqueue(new OutboundMessage(request.account(), request.recipientId(),
                request.subjectId(), request.channel(), purpose, null, content, null, null));
        AuditEntry sent = new AuditEntry(request.account(), request.recipientId(), AuditAction.CONFIRMATION_SENT,
                request.purpose().actor(),
                Map.of(request.purpose().subjectDetail, request.subjectId().toString(), "list", list.key(),
                        "channel", request.channel().name(), "purpose", purpose.name(),
                        "messageId", messageId.toString()),
                request.processInstanceId());
        appendAtCommit(sent);
    }

    /**
     * The first confirmation is sent in the signup's own transaction, whose SUBSCRIBED entry contacts hands over
     * for the commit before: this entry goes in after it, with it in one statement, so the person's trail says
     * subscribed, then confirmation sent. Still in the transaction: it exists if and only if the message does.
     */
    private void appendAtCommit(AuditEntry entry) {
        audit.appendAtCommit(entry);
    }
}
