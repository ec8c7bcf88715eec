package dev.consentflow.subscription.internal;

import dev.consentflow.TransactionRetry;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.SubscriptionRef;
import dev.consentflow.contacts.Subscriptions;
import dev.consentflow.contacts.Unsubscribe;
import dev.consentflow.contacts.Unsubscribed;
import dev.consentflow.engine.ProcessRuntime;
import dev.consentflow.web.NotFoundException;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Starts an {@code unsubscribe} instance per request: the links, the page, the API and complaints all come here.
 * The request's own id is the business key; the evidence travels through the {@link UnsubscribeInbox}. The state
 * changes in the start's own transaction (the first step is synchronous), so when this answers the unsubscribe is
 * committed and the next send is suppressed; telling the automation follows in a job of the instance.
 */
@Service
class UnsubscribeDesk {

    private final ProcessRuntime runtime;
    private final UnsubscribeInbox inbox;
    private final Subscriptions contacts;
    private final TransactionRetry retry;

    UnsubscribeDesk(ProcessRuntime runtime, UnsubscribeInbox inbox, Subscriptions contacts,
                    TransactionRetry retry) {
        this.runtime = runtime;
        this.inbox = inbox;
        this.contacts = contacts;
        this.retry = retry;
    }

    /**
     * Unsubscribes in a transaction of its own, which has committed when this returns: the next send to that list
     * is suppressed. Repeating it changes nothing and records nothing.
     *
     * @throws NotFoundException when the subscription is not one of the account
     */
    Unsubscribed unsubscribe(AccountId account, Unsubscribe request) {
        return retry.run(() -> once(account, request));
    }

    /**
     * Unsubscribes in the caller's transaction (a complaint recorded with its feedback event: both commit, or
     * neither does).
     */
    Unsubscribed unsubscribeHere(AccountId account, Unsubscribe request) {
        return once(account, request);
    }

    private Unsubscribed once(AccountId account, Unsubscribe request) {
        SubscriptionRef subscription = contacts.subscription(account, request.subscription())
                .orElseThrow(() -> new NotFoundException("Subscription"));
        UUID requestId = UUID.randomUUID();
        inbox.post(requestId, account, request);
        Unsubscribed outcome;
        try {
            runtime.start(UnsubscribeProcess.ID, requestId.toString(),
                    UnsubscribeProcess.Var.start(account, subscription, request));
        } finally {
            outcome = inbox.close(requestId);
        }
        if (outcome == null) {
            throw new IllegalStateException(UnsubscribeProcess.Task.UNSUBSCRIBE_SUBSCRIPTION
                    + " did not answer for request " + requestId);
        }
        return outcome;
    }
}
