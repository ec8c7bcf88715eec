package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.Signup;
import dev.consentflow.contacts.SubscriptionStatus;
import dev.consentflow.contacts.UnconfirmedSubscriptions;
import dev.consentflow.subscription.SignupReceipt;
import dev.consentflow.subscription.SubscriptionManagement;
import org.springframework.stereotype.Component;

/**
 * The double opt-in path of {@code POST /api/subscriptions}: the contacts module checks the request and hands it
 * here, and it starts the same process a signup form does (source API).
 */
@Component
class ApiDoubleOptIn implements UnconfirmedSubscriptions {

    private final SubscriptionManagement subscriptions;
    private final TransactionRetry retry;

    ApiDoubleOptIn(SubscriptionManagement subscriptions, TransactionRetry retry) {
        this.subscriptions = subscriptions;
        this.retry = retry;
    }

    @Override
    public Accepted start(AccountId account, Signup signup) {
        SignupReceipt receipt = retry.run(() -> subscriptions.signUp(account, signup));
        return new Accepted(receipt.subscriberId(),
                receipt.confirmed() ? SubscriptionStatus.CONFIRMED : SubscriptionStatus.PENDING);
    }
}
