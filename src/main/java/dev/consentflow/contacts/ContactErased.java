package dev.consentflow.contacts;

import java.util.List;

import dev.consentflow.accounts.AccountId;

/**
 * A person is being erased: every module that keeps rows of its own about the person (pending double opt-ins,
 * confirmation and unsubscribe tokens…) deletes them when it hears this. Published synchronously inside the
 * erasing transaction, after the person's address locks are taken and before the card becomes a tombstone, so
 * a listener runs in that transaction: if it fails, nothing is erased, and nothing it deleted stays deleted.
 * Listeners must not read the card (it is about to lose its data key) and must keep nothing but ids.
 *
 * @param account      the account of the card
 * @param subscriberId  the card that becomes a tombstone
 * @param subscriptions its subscriptions (they stay, as the tombstone's evidence; their links must not)
 */
public record ContactErased(AccountId account, SubscriberId subscriberId, List<SubscriptionId> subscriptions) {

    public ContactErased {
        subscriptions = List.copyOf(subscriptions);
    }
}
