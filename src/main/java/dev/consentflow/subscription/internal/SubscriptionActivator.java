package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.PendingSubscriptions;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.contacts.Subscriptions;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.dispatch.OutboundMessage;
import dev.consentflow.dispatch.Purpose;
import dev.consentflow.engine.ProcessRuntime;
import dev.consentflow.subscription.UnsubscribeLinks;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What follows a confirmation in both processes, once {@link ClickHandOver} recorded it: {@code Task_SendWelcome}
 * queues the list's welcome mail, and {@code announce-confirmation}'s {@code Event_SubscriptionConfirmed} tells
 * automation flows ({@link ConfirmationAnnouncements}).
 */
@Component
class SubscriptionActivator {

    private final ConfirmationMessages messages;
    private final PendingSubscriptions contacts;
    private final Subscriptions subscriptions;
    private final Dispatch dispatch;
    private final ProcessRuntime runtime;
    private final UnsubscribeLinks links;

    SubscriptionActivator(ConfirmationMessages messages, PendingSubscriptions contacts, Subscriptions subscriptions,
                          Dispatch dispatch,
                          ProcessRuntime runtime, UnsubscribeLinks links) {
        this.messages = messages;
        this.contacts = contacts;
        this.subscriptions = subscriptions;
        this.dispatch = dispatch;
        this.runtime = runtime;
        this.links = links;
    }

    /** The list's welcome, carrying the subscription's one-click unsubscribe link like every list mail. */
    void sendWelcome(AccountId account, SubscriberId subscriber, SubscriptionId subscription, Channel channel) {
        subscriptions.subscription(account, subscription).ifPresent(ref -> {
            String unsubscribe = links.unsubscribeUrl(account, subscription);
            dispatch.enqueue(new OutboundMessage(account, subscriber.value(), subscription.value(),
                    channel, Purpose.WELCOME, null, messages.welcome(channel, ref.list(), unsubscribe),
                    unsubscribe, channel == Channel.EMAIL ? messages.listId(ref.list()) : null));
        });
    }

    int publishConfirmed(AccountId account, SubscriberId subscriber, SubscriptionId subscription, String listKey) {
        return runtime.publish(DoubleOptInProcess.Message.SUBSCRIPTION_CONFIRMED,
                DoubleOptInProcess.Var.SUBSCRIBER_ID, subscriber.value().toString(),
                Map.of(DoubleOptInProcess.Var.ACCOUNT_ID, account.value().toString(),
                        DoubleOptInProcess.Var.SUBSCRIBER_ID, subscriber.value().toString(),
                        DoubleOptInProcess.Var.SUBSCRIPTION_ID, subscription.value().toString(),
                        DoubleOptInProcess.Var.LIST_KEY, listKey));
    }
}
