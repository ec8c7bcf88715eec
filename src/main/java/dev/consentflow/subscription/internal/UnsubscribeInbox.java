package dev.consentflow.subscription.internal;

import dev.consentflow.contacts.Unsubscribe;
import dev.consentflow.contacts.Unsubscribed;
import org.springframework.stereotype.Component;

/** The request of a starting unsubscribe, for {@code Task_UnsubscribeSubscription}, and its outcome back. */
@Component
class UnsubscribeInbox extends ProcessInbox<Unsubscribe, Unsubscribed> {

    UnsubscribeInbox() {
        super(UnsubscribeProcess.Task.UNSUBSCRIBE_SUBSCRIPTION);
    }
}
