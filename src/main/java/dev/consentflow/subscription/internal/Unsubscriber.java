package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.UnsubscribeChannel;
import dev.consentflow.contacts.Unsubscribed;
import dev.consentflow.contacts.Unsubscriptions;
import dev.consentflow.engine.ProcessRuntime;
import dev.consentflow.subscription.internal.UnsubscribeProcess.Var;
import dev.consentflow.web.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import dev.consentflow.contacts.Unsubscribe;

/**
 * The steps of {@code unsubscribe}: {@code Task_UnsubscribeSubscription} hands the request with its evidence to
 * contacts (which changes the state and audits it once, in the request's transaction), and
 * {@code Event_SubscriptionUnsubscribed} tells every automation of the person on each of those lists to stop.
 */
@Component
class Unsubscriber {

    private final UnsubscribeInbox inbox;
    private final Unsubscriptions contacts;
    private final ProcessRuntime runtime;

    Unsubscriber(UnsubscribeInbox inbox, Unsubscriptions contacts, ProcessRuntime runtime) {
        this.inbox = inbox;
        this.contacts = contacts;
        this.runtime = runtime;
    }

    /**
     * The variables the process learns: whether anything changed, which lists, and whether any automation of the
     * account listens (a flow started by {@code subscription.unsubscribed}, or an instance waiting for it): only
     * then does the process publish it, in a job of its own. The same check as {@link ConfirmationAnnouncements}.
     */
    Map<String, Object> unsubscribe(UUID requestId, String processInstanceId) {
        ProcessInbox.Letter<Unsubscribe, Unsubscribed> letter = inbox.open(requestId);
        Unsubscribed outcome = contacts.unsubscribe(letter.account, letter.request.by(processInstanceId))
                // Gone between the request's lookup and now (an expired re-request purged): nothing to do.
                .orElseThrow(() -> new NotFoundException("Subscription"));
        letter.answer(outcome);
        List<String> changed = outcome.lists().stream().map(ListInfo::key).toList();
        return Var.unsubscribed(changed, !changed.isEmpty() && runtime.anyListens(
                UnsubscribeProcess.Message.SUBSCRIPTION_UNSUBSCRIBED, letter.account.value().toString()));
    }

    /** Publishes {@code subscription.unsubscribed} once per list; answers how many instances it reached. */
    int publishUnsubscribed(AccountId account, SubscriberId subscriber, List<String> listKeys,
                            UnsubscribeChannel channel) {
        int reached = 0;
        for (String listKey : listKeys) {
            reached += runtime.publish(UnsubscribeProcess.Message.SUBSCRIPTION_UNSUBSCRIBED,
                    Map.of(Var.SUBSCRIBER_ID, subscriber.value().toString(), Var.LIST_KEY, listKey),
                    Map.of(Var.ACCOUNT_ID, account.value().toString(),
                            Var.SUBSCRIBER_ID, subscriber.value().toString(),
                            Var.LIST_KEY, listKey,
                            Var.CHANNEL, channel.name()));
        }
        return reached;
    }
}
