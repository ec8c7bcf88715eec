package dev.consentflow.subscription.internal;

import dev.consentflow.TransactionRetry;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.Resubscription;
import dev.consentflow.subscription.Resubscriptions;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@link Resubscriptions} through the desk and retry the REST controller uses. */
@Component
class ResubscriptionStarter implements Resubscriptions {

    private final ResubscriptionDesk desk;
    private final TransactionRetry retry;

    ResubscriptionStarter(ResubscriptionDesk desk, TransactionRetry retry) {
        this.desk = desk;
        this.retry = retry;
    }

    @Override
    public String resubscribe(AccountId account, Resubscription request) {
        return retry.run(() -> desk.request(account, request, UUID.randomUUID())).channel().name();
    }
}
