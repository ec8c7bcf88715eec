package dev.consentflow.campaigns.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.campaigns.internal.TemplateRows.Template;
import dev.consentflow.contacts.Audiences;
import dev.consentflow.contacts.ListRecipient;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionRef;
import dev.consentflow.contacts.SubscriptionStatus;
import dev.consentflow.contacts.Subscriptions;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.dispatch.OutboundMessage;
import dev.consentflow.dispatch.Purpose;
import dev.consentflow.subscription.UnsubscribeLinks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Mails a person under their CONFIRMED subscription to a flow's list: renders the automation mail as a campaign mail
 * is rendered, enqueues it and keeps its tracking token's hash.
 */
@Component
class AutomationMailer {

    private final Dispatch dispatch;
    private final UnsubscribeLinks unsubscribe;
    private final CampaignMessages messages;
    private final AutomationMails mails;
    private final Subscriptions subscriptions;
    private final Audiences audiences;

    AutomationMailer(Dispatch dispatch, UnsubscribeLinks unsubscribe, CampaignMessages messages,
                     AutomationMails mails, Subscriptions subscriptions, Audiences audiences) {
        this.dispatch = dispatch;
        this.unsubscribe = unsubscribe;
        this.messages = messages;
        this.mails = mails;
        this.subscriptions = subscriptions;
        this.audiences = audiences;
    }

    /**
     * Mails the template to the person under their subscription to the list, with its one-click unsubscribe link,
     * tracked links and open pixel. Answers false, sending nothing, when the person is not CONFIRMED on that list
     * (any more) or was erased.
     */
    boolean sendIfConfirmed(AccountId account, SubscriberId subscriber, String listKey, Template template,
                            String processInstanceId) {
        Optional<SubscriptionRef> subscription = subscriptions.subscription(account, subscriber, listKey)
                .filter(s -> s.status() == SubscriptionStatus.CONFIRMED);
        if (subscription.isEmpty()) {
            return false;
        }
        List<ListRecipient> recipient = audiences.confirmedRecipients(account,
                List.of(subscription.get().subscriptionId()));
        if (recipient.isEmpty()) {
            return false;
        }
        send(account, subscription.get(), recipient.get(0), template, processInstanceId);
        return true;
    }

    private UUID send(AccountId account, SubscriptionRef subscription, ListRecipient recipient, Template template,
              String processInstanceId) {
        Map<String, Integer> links = mails.numbered(template.id(), TrackedLinks.of(template.html()));
        String unsubscribeUrl = unsubscribe.unsubscribeUrl(account, subscription.subscriptionId());
        String token = TrackingTokens.next();
        UUID message = dispatch.enqueue(new OutboundMessage(account, recipient.subscriberId().value(),
                subscription.subscriptionId().value(), Channel.EMAIL, Purpose.AUTOMATION, null,
                messages.render(template, recipient, subscription.list(), unsubscribeUrl, token, links,
                        messages.footer(account, subscription.list())), unsubscribeUrl,
                messages.listId(subscription.list())));
        mails.add(new AutomationMails.Mail(UUID.randomUUID(), account.value(), recipient.subscriberId().value(),
                subscription.subscriptionId().value(), template.id(), processInstanceId, message,
                TrackingTokens.hash(token), Instant.now().truncatedTo(ChronoUnit.MICROS)));
        return message;
    }
}
