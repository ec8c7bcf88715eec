package dev.consentflow.campaigns.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.campaigns.internal.TemplateRows.Template;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.ContactEvents;
import dev.consentflow.contacts.Contacts;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.ListJoin;
import dev.consentflow.contacts.ListJoins;
import dev.consentflow.contacts.Signup;
import dev.consentflow.contacts.Source;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.contacts.SubscriptionRef;
import dev.consentflow.contacts.SubscriptionStatus;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.subscription.DoubleOptIns;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.delegate.BpmnError;
import org.operaton.bpm.engine.delegate.DelegateExecution;

/** The automation tasks with the facades mocked: consent first, erased people untouched. */
class AutomationStepsTest {

    private final AccountId account = new AccountId(UUID.randomUUID());
    private final SubscriberId person = new SubscriberId(UUID.randomUUID());
    private final SubscriptionId subscription = new SubscriptionId(UUID.randomUUID());
    private final ListInfo news = new ListInfo(UUID.randomUUID(), "news", "News", "acme");
    private final Template template = new Template(UUID.randomUUID(), "welcome", "Hi", "<p>Hi</p>", "Hi",
            Instant.now());

    private final ListJoins joins = mock(ListJoins.class);
    private final Contacts contacts = mock(Contacts.class);
    private final ContactEvents events = mock(ContactEvents.class);
    private final DoubleOptIns subscriptions = mock(DoubleOptIns.class);
    private final TemplateRows templates = mock(TemplateRows.class);
    private final AutomationMailer mailer = mock(AutomationMailer.class);
    private final AutomationSteps steps = new AutomationSteps(joins, contacts, events, subscriptions, templates,
            mailer);

    @Test
    void theAccountsTemplateGoesToTheMailerWhichAnswersWhetherItWasSent() {
        when(templates.byKey(account, "welcome")).thenReturn(Optional.of(template));
        when(mailer.sendIfConfirmed(account, person, "news", template, "pi-1")).thenReturn(true, false);

        assertThat(steps.sendTemplate(account, person, "news", "welcome", "pi-1")).isTrue();
        assertThat(steps.sendTemplate(account, person, "news", "welcome", "pi-1")).as("not confirmed").isFalse();
    }

    @Test
    void aTemplateTheAccountLacksIsAnIncidentNotASilentSkip() {
        when(templates.byKey(account, "nope")).thenReturn(Optional.empty());
        assertThatThrownBy(() -> steps.sendTemplate(account, person, "news", "nope", "pi-1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nope");
        verifyNoInteractions(mailer);
    }

    @Test
    void anotherListStartsADoubleOptInUnlessThePersonIsOnItOrErased() {
        Signup signup = new Signup("anna@example.dk", null, Channel.EMAIL, "offers", Map.of(), Source.API,
                new ConsentEvidence(Instant.now(), null, null, null, null, null));
        when(joins.joinList(eq(account), eq(person), eq("offers"), any(), eq(false)))
                .thenReturn(new ListJoin.Needed(signup));
        steps.addToList(account, person, "offers");
        verify(subscriptions).signUp(account, signup);

        DoubleOptIns untouched = mock(DoubleOptIns.class);
        AutomationSteps other = new AutomationSteps(joins, contacts, events, untouched, templates, mailer);
        when(joins.joinList(eq(account), eq(person), eq("offers"), any(), anyBoolean()))
                .thenReturn(new ListJoin.AlreadyOn(new SubscriptionRef(person, subscription, news,
                        SubscriptionStatus.CONFIRMED)));
        other.addToList(account, person, "offers");
        when(joins.joinList(eq(account), eq(person), eq("offers"), any(), anyBoolean()))
                .thenReturn(new ListJoin.Erased(person));
        assertThat(other.addToList(account, person, "offers")).isInstanceOf(ListJoin.Erased.class);
        verify(untouched, never()).signUp(any(), any());
    }

    @Test
    void engagementCountsOpensAndClicksWithinTheWindow() {
        when(events.engagementsSince(eq(account), eq(person), any())).thenReturn(0L);
        assertThat(steps.engaged(account, person, Duration.ofDays(14))).isFalse();
        when(events.engagementsSince(eq(account), eq(person), any())).thenReturn(2L);
        assertThat(steps.engaged(account, person, Duration.ofDays(14))).isTrue();
    }

    @Test
    void theDelegatesThrowContactErasedForAnErasedPerson() {
        AutomationSteps mocked = mock(AutomationSteps.class);
        DelegateExecution execution = mock(DelegateExecution.class);
        when(execution.getVariable("accountId")).thenReturn(account.value().toString());
        when(execution.getVariable("subscriberId")).thenReturn(person.value().toString());
        when(execution.getVariable("targetListKey")).thenReturn("offers");
        when(execution.getVariable("fieldName")).thenReturn("segment");
        when(execution.getVariable("fieldValue")).thenReturn("vip");
        when(mocked.addToList(account, person, "offers")).thenReturn(new ListJoin.Erased(person));
        when(mocked.updateField(account, person, "segment", "vip")).thenReturn(false);

        assertThatThrownBy(() -> new AddToListDelegate(mocked).execute(execution))
                .isInstanceOfSatisfying(BpmnError.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(AutomationTasks.Error.CONTACT_ERASED));
        assertThatThrownBy(() -> new UpdateFieldDelegate(mocked).execute(execution))
                .isInstanceOfSatisfying(BpmnError.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(AutomationTasks.Error.CONTACT_ERASED));
    }
}
