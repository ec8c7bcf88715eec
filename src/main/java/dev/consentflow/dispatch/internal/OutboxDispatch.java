package dev.consentflow.dispatch.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.BatchFeedback;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.dispatch.Ledger;
import dev.consentflow.dispatch.MessageState;
import dev.consentflow.dispatch.OutboundMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link Dispatch} as rows in the outbox, written in the caller's transaction and sent by the workers. */
@Service
class OutboxDispatch implements Dispatch {

    private final Outbox outbox;
    private final ContentSeal seal;
    private final FeedbackStore feedback;

    OutboxDispatch(Outbox outbox, ContentSeal seal, FeedbackStore feedback) {
        this.outbox = outbox;
        this.seal = seal;
        this.feedback = feedback;
    }

    @Override
    @Transactional
    public UUID enqueue(OutboundMessage message) {
        Outbox.NewRow row = sealed(message, seal.currentVersion());
        outbox.insert(row);
        return row.id();
    }

    @Override
    @Transactional
    public List<UUID> enqueueAll(List<OutboundMessage> messages) {
        int version = seal.currentVersion();
        List<Outbox.NewRow> rows = messages.stream().map(message -> sealed(message, version)).toList();
        outbox.insertAll(rows);
        return rows.stream().map(Outbox.NewRow::id).toList();
    }

    private Outbox.NewRow sealed(OutboundMessage message, int version) {
        OutboundMessages.check(message);
        UUID id = UUID.randomUUID();
        OutboundMessage.Content content = message.content();
        Letter letter = new Letter(content.subject(), content.text(), content.html(), message.unsubscribeUrl());
        return new Outbox.NewRow(id, message.account(), message.subscriberId(), message.subscriptionId(),
                message.channel(), message.purpose(), message.batchId(), message.listId(), version,
                seal.seal(message.account(), id, version, letter));
    }

    @Override
    @Transactional(readOnly = true)
    public Ledger ledger(String batchId) {
        Map<MessageState, Long> counts = outbox.countByState(batchId);
        return new Ledger(batchId,
                counts.getOrDefault(MessageState.QUEUED, 0L),
                counts.getOrDefault(MessageState.SENDING, 0L),
                counts.getOrDefault(MessageState.SOFT_FAIL, 0L),
                counts.getOrDefault(MessageState.SENT, 0L),
                counts.getOrDefault(MessageState.HARD_FAIL, 0L),
                counts.getOrDefault(MessageState.SUPPRESSED, 0L),
                counts.getOrDefault(MessageState.EXPIRED, 0L),
                counts.getOrDefault(MessageState.UNKNOWN, 0L));
    }

    @Override
    @Transactional
    public int suppressQueued(AccountId account, UUID subscriberId) {
        return outbox.suppressQueued(account, subscriberId);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<MessageState> state(AccountId account, UUID messageId) {
        return outbox.state(account, messageId);
    }

    @Override
    @Transactional(readOnly = true)
    public BatchFeedback feedback(String batchId) {
        return feedback.batch(batchId);
    }

    @Override
    @Transactional
    public boolean pause(AccountId account, String batchId, String reason) {
        return feedback.pause(account, batchId, reason == null || reason.length() <= 200 ? reason
                : reason.substring(0, 200));
    }

    @Override
    @Transactional
    public boolean resume(AccountId account, String batchId) {
        return feedback.resume(account, batchId);
    }

    @Override
    @Transactional(readOnly = true)
    public double complaintRate(AccountId account) {
        return feedback.complaintRate(account);
    }
}
