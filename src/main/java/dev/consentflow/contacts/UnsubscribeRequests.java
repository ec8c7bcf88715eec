package dev.consentflow.contacts;

import dev.consentflow.accounts.AccountId;

/**
 * How other modules unsubscribe a person: through the {@code unsubscribe} process, which the subscription module
 * runs and provides this interface for. The process changes the state (through
 * {@link ContactManagement#unsubscribe}), records the evidence and tells every running automation of that person
 * and list to stop. {@code POST /api/contacts/{id}/unsubscribe} and spam complaints (channel
 * {@link UnsubscribeChannel#COMPLAINT}, for a feedback-loop processor) come through here.
 */
public interface UnsubscribeRequests {

    /**
     * Unsubscribes in a transaction of its own, which has committed when this returns: the next send to that list
     * is suppressed. Repeating it changes nothing and records nothing.
     *
     * @throws dev.consentflow.web.NotFoundException when the subscription is not one of the account
     */
    Unsubscribed unsubscribe(AccountId account, Unsubscribe request);
}
