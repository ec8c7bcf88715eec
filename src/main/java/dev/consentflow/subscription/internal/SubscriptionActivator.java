package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.contacts.SubscriptionRef;
import dev.consentflow.contacts.Subscriptions;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.dispatch.OutboundMessage;
import dev.consentflow.dispatch.Purpose;
import dev.consentflow.engine.ProcessRuntime;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What follows a confirmation in both processes, once {@link ClickHandOver} recorded it: {@code Task_SendWelcome}
 * queues the list's welcome mail, and {@code announce-confirmation}'s {@code Event_SubscriptionConfirmed} tells
 * automation flows ({@link ConfirmationAnnouncements}).
 */
@Component
class SubscriptionActivator {

    private final ConfirmationMessages messages;
    private final ClickHandOver clicks;
    private final Subscriptions subscriptions;
    private final Dispatch dispatch;
    private final ProcessRuntime runtime;
    private final OneClickLinks links;
    private final PageBrands brands;

    SubscriptionActivator(ConfirmationMessages messages, ClickHandOver clicks, Subscriptions subscriptions,
                          Dispatch dispatch, ProcessRuntime runtime, OneClickLinks links, PageBrands brands) {
        this.brands = brands;
        this.messages = messages;
        this.clicks = clicks;
        this.subscriptions = subscriptions;
        this.dispatch = dispatch;
        this.runtime = runtime;
        this.links = links;
    }

    /**
     * The list's welcome, carrying the subscription's one-click unsubscribe link like every list mail. In the
     * click's transaction the list is the one the click read under the request's lock, just confirmed on;
     * otherwise (an instance that reached this step before it ran in the click's transaction) it is read here, and
     * a subscription that is gone meanwhile gets no welcome. A mail speaks in the name of the list's brand (one read
     * of its record). The token's insert carries the confirm step's write of the clicked row, when it waits to be
     * sent ({@link ClickHandOver#takeHandOver}).
     */
    void sendWelcome(String processInstanceId, AccountId account, SubscriberId subscriber,
                     SubscriptionId subscription, Channel channel) {
        Optional<ListInfo> list = clicks.clickedList(processInstanceId)
                .or(() -> subscriptions.subscription(account, subscription).map(SubscriptionRef::list));
        list.ifPresent(onList -> {
            OneClickLinks.FirstLink unsubscribe = links.firstUnsubscribeLink(account, subscription, onList,
                    MailKind.WELCOME, clicks.takeHandOver(processInstanceId).orElse(null));
            dispatch.enqueue(new OutboundMessage(account, subscriber.value(), subscription.value(),
                    channel, Purpose.WELCOME, null,
                    messages.welcome(channel, onList, brands.ofMail(account, channel, onList), unsubscribe.url(),
                            unsubscribe.wording()),
                    unsubscribe.url(), channel == Channel.EMAIL ? messages.listId(onList) : null));
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
