package dev.consentflow.contacts;

import dev.consentflow.accounts.AccountId;

/**
 * A subscription became CONFIRMED without a double opt-in: an integration or a marketer held the person's
 * consent and gave its evidence ({@code "confirmed": true}). Published synchronously inside the confirming
 * transaction, so a listener that records work for later (the subscription module announces it to automation
 * flows) commits with the subscription or not at all. A confirmed double opt-in announces itself and does not
 * come here; neither do imports (a bulk load is not a signup: like the best tools in the field, imported contacts
 * do not enter signup automations).
 *
 * @param account      the account of the subscription
 * @param subscriberId the person's card
 * @param subscription the subscription now CONFIRMED
 * @param listKey      its list
 */
public record SubscriptionConfirmedDirectly(AccountId account, SubscriberId subscriberId,
                                            SubscriptionId subscription, String listKey) {
}
