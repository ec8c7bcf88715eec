package dev.consentflow.campaigns.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.campaigns.internal.Templates.Template;
import dev.consentflow.contacts.ContactManagement.SubscriptionRef;
import dev.consentflow.contacts.ListRecipient;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.dispatch.OutboundMessage;
import dev.consentflow.dispatch.Purpose;
import dev.consentflow.subscription.UnsubscribeLinks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Renders one automation mail as a campaign mail is rendered, enqueues it and keeps its tracking token's hash. */
@Component
class AutomationMailer {

    private final Dispatch dispatch;
    private final UnsubscribeLinks unsubscribe;
    private final CampaignMessages messages;
    private final AutomationMails mails;

    AutomationMailer(Dispatch dispatch, UnsubscribeLinks unsubscribe, CampaignMessages messages,
                     AutomationMails mails) {
        this.dispatch = dispatch;
        this.unsubscribe = unsubscribe;
        this.messages = messages;
        this.mails = mails;
    }

    UUID send(AccountId account, SubscriptionRef subscription, ListRecipient recipient, Template template,
              String processInstanceId) {
        Map<String, Integer> links = mails.numbered(template.id(), TrackedLinks.of(template.html()));
        String unsubscribeUrl = unsubscribe.unsubscribeUrl(account, subscription.subscriptionId());
        String token = TrackingTokens.next();
        UUID message = dispatch.enqueue(new OutboundMessage(account, recipient.subscriberId().value(),
                subscription.subscriptionId().value(), Channel.EMAIL, Purpose.AUTOMATION, null,
                messages.render(template, recipient, subscription.list(), unsubscribeUrl, token, links), unsubscribeUrl,
                messages.listId(subscription.list())));
        mails.add(new AutomationMails.Mail(UUID.randomUUID(), account.value(), recipient.subscriberId().value(),
                subscription.subscriptionId().value(), template.id(), processInstanceId, message,
                TrackingTokens.hash(token), Instant.now().truncatedTo(ChronoUnit.MICROS)));
        return message;
    }
}
