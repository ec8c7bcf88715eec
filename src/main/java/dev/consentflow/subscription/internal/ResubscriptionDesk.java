package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.PendingResubscription;
import dev.consentflow.contacts.Resubscription;
import dev.consentflow.contacts.ResubscriptionRequests;
import dev.consentflow.contacts.Signup;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.engine.ProcessRuntime;
import dev.consentflow.subscription.internal.ResubscriptionProcess.Var;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import dev.consentflow.subscription.SignupReceipt;

/**
 * Starts a {@code resubscribe} per request, in the caller's transaction: the Resubscribe action of the API, or
 * the hand-over of a double opt-in whose address turned out to be erased. Contacts checks the request against
 * the tombstone and keeps the address sealed first; the instance gets ids only, and the deadline that applied
 * when it started. The request's own id is the business key (a hand-over keeps the signup's).
 */
@Service
class ResubscriptionDesk {

    private final ProcessRuntime runtime;
    private final ResubscriptionRequests contacts;
    private final SignupInbox inbox;
    private final SignupSettings settings;

    ResubscriptionDesk(ProcessRuntime runtime, ResubscriptionRequests contacts, SignupInbox inbox,
                       SignupSettings settings) {
        this.runtime = runtime;
        this.contacts = contacts;
        this.inbox = inbox;
        this.settings = settings;
    }

    /** What the Resubscribe action answers: the request, the tombstone, and how the confirmation goes. */
    record Accepted(UUID requestId, SubscriberId tombstoneId, String listKey, Channel channel) {
    }

    Accepted request(AccountId account, Resubscription request, UUID requestId) {
        PendingResubscription pending = contacts.requestResubscription(account, request);
        runtime.start(ResubscriptionProcess.ID, requestId.toString(), Map.of(
                Var.ACCOUNT_ID, account.value().toString(),
                Var.TOMBSTONE_ID, pending.tombstoneId().value().toString(),
                Var.RESUBSCRIPTION_ID, pending.id().value().toString(),
                Var.LIST_KEY, pending.list().key(),
                Var.CHANNEL, pending.channel().name(),
                Var.NEW_REQUEST, pending.newRequest(),
                Var.EXPIRES_AT, Date.from(Instant.now().plus(settings.expireAfter()))));
        return new Accepted(requestId, pending.tombstoneId(), pending.list().key(), pending.channel());
    }

    /**
     * {@code Task_StartResubscription} of the double opt-in: the signup in hand is by an erased address, so it
     * becomes a resubscription request on the signup's channel, with the signup's evidence and its identifying
     * address only (a form's other values are not brought back). Runs within the signup's start, so the signup
     * is still in the inbox and the form's answer waits for this to be recorded, and is the same as ever.
     */
    void handOver(UUID requestId, SubscriberId tombstoneId) {
        ProcessInbox.Letter<Signup, SignupReceipt> letter = inbox.open(requestId);
        Signup signup = letter.request;
        Channel channel = signup.channel() != null ? signup.channel()
                : signup.email() != null ? Channel.EMAIL : Channel.SMS;
        request(letter.account, new Resubscription(tombstoneId,
                channel == Channel.EMAIL ? signup.email() : null, channel == Channel.SMS ? signup.mobile() : null,
                channel, signup.listKey(), signup.evidence()), requestId);
    }
}
