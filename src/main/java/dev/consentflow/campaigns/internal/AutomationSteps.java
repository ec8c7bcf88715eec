package dev.consentflow.campaigns.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.campaigns.internal.TemplateRows.Template;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.ContactEvents;
import dev.consentflow.contacts.Contacts;
import dev.consentflow.contacts.ListJoin;
import dev.consentflow.contacts.ListJoins;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.subscription.DoubleOptIns;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import org.springframework.stereotype.Service;

/**
 * What the marketers' automation tasks do, each in the job's transaction. None of them bypasses consent: mail
 * goes only under a CONFIRMED subscription (and dispatch checks suppression once more at send time), a new list
 * only through a double opt-in, and an erased person is never mailed, added or changed.
 */
@Service
class AutomationSteps {

    private final ListJoins joins;
    private final Contacts contacts;
    private final ContactEvents events;
    private final DoubleOptIns subscriptions;
    private final TemplateRows templates;
    private final AutomationMailer mailer;

    AutomationSteps(ListJoins joins, Contacts contacts, ContactEvents events, DoubleOptIns subscriptions,
                    TemplateRows templates, AutomationMailer mailer) {
        this.joins = joins;
        this.contacts = contacts;
        this.events = events;
        this.subscriptions = subscriptions;
        this.templates = templates;
        this.mailer = mailer;
    }

    /**
     * Renders the account's template for the person and enqueues it as AUTOMATION mail under their subscription
     * to the flow's list, with its one-click unsubscribe link, tracked links and open pixel. Answers false,
     * sending nothing, when the person is not CONFIRMED on that list (any more) or was erased.
     *
     * @throws IllegalStateException the account has no such template (an incident the marketer resolves)
     */
    boolean sendTemplate(AccountId account, SubscriberId subscriber, String listKey, String templateKey,
                         String processInstanceId) {
        Template template = templates.byKey(account, templateKey).orElseThrow(() -> new IllegalStateException(
                "the account has no template " + templateKey));
        return mailer.sendIfConfirmed(account, subscriber, listKey, template, processInstanceId);
    }

    /**
     * Puts the person onto another list through a double opt-in (they confirm it themselves), unless they are on
     * it already. Answers what it found; {@link ListJoin.Erased} changes nothing.
     */
    ListJoin addToList(AccountId account, SubscriberId subscriber, String targetListKey) {
        ListJoin join = joins.joinList(account, subscriber, targetListKey,
                new ConsentEvidence(Instant.now().truncatedTo(ChronoUnit.MICROS), null, null, null, null, null),
                false);
        if (join instanceof ListJoin.Needed needed) {
            subscriptions.signUp(account, needed.signup());
        }
        return join;
    }

    /** Sets one custom field on the card; answers false, changing nothing, when the person was erased. */
    boolean updateField(AccountId account, SubscriberId subscriber, String name, String value) {
        return contacts.updateFields(account, subscriber, Collections.singletonMap(name,
                value == null || value.isEmpty() ? null : value));
    }

    /** Whether the person opened or clicked any mail within the window up to now. */
    boolean engaged(AccountId account, SubscriberId subscriber, Duration window) {
        return events.engagementsSince(account, subscriber, Instant.now().minus(window)) > 0;
    }
}
