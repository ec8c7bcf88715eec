package dev.consentflow.subscription.internal;

import dev.consentflow.engine.Variables;
import dev.consentflow.subscription.internal.DoubleOptInProcess.Var;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Event_SubscriptionConfirmed} of the double opt-in and of resubscribe: hands the confirmation to the
 * account's automation flows when one listens; none listening is fine.
 */
@Component
class AnnounceSubscriptionConfirmedDelegate implements JavaDelegate {

    private final ConfirmationAnnouncements announcements;

    AnnounceSubscriptionConfirmedDelegate(ConfirmationAnnouncements announcements) {
        this.announcements = announcements;
    }

    @Override
    public void execute(DelegateExecution execution) {
        announcements.announce(Variables.account(execution::getVariable), Var.subscriberId(execution::getVariable),
                Var.subscriptionId(execution::getVariable), Var.listKey(execution::getVariable));
    }
}
