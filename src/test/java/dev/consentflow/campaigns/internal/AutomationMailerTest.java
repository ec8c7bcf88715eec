package dev.consentflow.campaigns.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.campaigns.internal.TemplateRows.Template;
import dev.consentflow.contacts.Audiences;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.ListRecipient;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.contacts.SubscriptionRef;
import dev.consentflow.contacts.SubscriptionStatus;
import dev.consentflow.contacts.Subscriptions;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.dispatch.OutboundMessage;
import dev.consentflow.dispatch.Purpose;
import dev.consentflow.subscription.UnsubscribeLinks;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** An automation mail goes out only under the person's CONFIRMED subscription to the flow's list. */
class AutomationMailerTest {

    private final AccountId account = new AccountId(UUID.randomUUID());
    private final SubscriberId person = new SubscriberId(UUID.randomUUID());
    private final SubscriptionId subscription = new SubscriptionId(UUID.randomUUID());
    private final ListInfo news = new ListInfo(UUID.randomUUID(), "news", "News", "acme");
    private final Template template = new Template(UUID.randomUUID(), "welcome", "Hi {{name}}", "<p>Hi</p>", "Hi",
            Instant.now());

    private final Subscriptions subscriptions = mock(Subscriptions.class);
    private final Audiences audiences = mock(Audiences.class);
    private final Dispatch dispatch = mock(Dispatch.class);
    private final AutomationMails mails = mock(AutomationMails.class);
    private final UnsubscribeLinks links = mock(UnsubscribeLinks.class);
    private final AutomationMailer mailer = new AutomationMailer(dispatch, links,
            new CampaignMessages("https://consent.example", (account, list) -> dev.consentflow.subscription.MailFooter.NONE), mails, subscriptions, audiences);

    @Test
    void aTemplateIsMailedOnlyUnderAConfirmedSubscriptionOfTheFlowsList() {
        when(subscriptions.subscription(account, person, "news")).thenReturn(Optional.of(
                new SubscriptionRef(person, subscription, news, SubscriptionStatus.CONFIRMED)));
        when(audiences.confirmedRecipients(account, List.of(subscription))).thenReturn(List.of(
                new ListRecipient(person, subscription, "anna@example.dk", Map.of("name", "Anna"))));
        when(links.unsubscribeUrl(account, subscription)).thenReturn("https://consent.example/u/token");
        when(dispatch.enqueue(any())).thenReturn(UUID.randomUUID());

        assertThat(mailer.sendIfConfirmed(account, person, "news", template, "pi-1")).isTrue();
        ArgumentCaptor<OutboundMessage> sent = ArgumentCaptor.forClass(OutboundMessage.class);
        verify(dispatch).enqueue(sent.capture());
        assertThat(sent.getValue().purpose()).isEqualTo(Purpose.AUTOMATION);
        assertThat(sent.getValue().subscriptionId()).isEqualTo(subscription.value());
        assertThat(sent.getValue().unsubscribeUrl()).isEqualTo("https://consent.example/u/token");
        assertThat(sent.getValue().content().subject()).isEqualTo("Hi Anna");
        verify(mails).add(any());
    }

    @Test
    void anUnsubscribedOrErasedPersonIsNotMailed() {
        when(subscriptions.subscription(account, person, "news")).thenReturn(Optional.of(
                new SubscriptionRef(person, subscription, news, SubscriptionStatus.UNSUBSCRIBED)));
        assertThat(mailer.sendIfConfirmed(account, person, "news", template, "pi-1")).isFalse();

        when(subscriptions.subscription(account, person, "news")).thenReturn(Optional.of(
                new SubscriptionRef(person, subscription, news, SubscriptionStatus.CONFIRMED)));
        when(audiences.confirmedRecipients(account, List.of(subscription))).thenReturn(List.of());
        assertThat(mailer.sendIfConfirmed(account, person, "news", template, "pi-1")).as("erased since").isFalse();

        when(subscriptions.subscription(account, person, "news")).thenReturn(Optional.empty());
        assertThat(mailer.sendIfConfirmed(account, person, "news", template, "pi-1")).as("never on it").isFalse();
        verifyNoInteractions(dispatch, mails);
    }
}
