package dev.consentflow.consent;

import dev.consentflow.accounts.AccountId;

/**
 * A signup form's conversion as the audit log records it (the one record that outlives the purge of an
 * unconfirmed signup): the subscriptions the form created, how many of them were confirmed, and how many expired.
 */
public interface SignupFunnels {

    /**
     * @param subscribed subscriptions created through the form (SUBSCRIBED with its form key)
     * @param confirmed  of those, confirmed (CONFIRMED)
     * @param expired    of those, unconfirmed in time and purged (PENDING_PURGED)
     */
    record FormFunnel(long subscribed, long confirmed, long expired) {
    }

    FormFunnel ofForm(AccountId account, String formKey);
}
