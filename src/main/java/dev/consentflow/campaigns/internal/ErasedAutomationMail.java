package dev.consentflow.campaigns.internal;

import dev.consentflow.contacts.ContactErased;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Forgets a person's automation mail in the erasing transaction: their tracking tokens then lead nowhere. (Their
 * running automation flows are ended by the erasure itself.)
 */
@Component
class ErasedAutomationMail {

    private final AutomationMails mails;

    ErasedAutomationMail(AutomationMails mails) {
        this.mails = mails;
    }

    @EventListener
    void forget(ContactErased erased) {
        mails.deleteOfSubscriber(erased.account().value(), erased.subscriberId().value());
    }
}
