package dev.consentflow.subscription.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

/**
 * The row locks here serialise everything that happens to one double opt-in (clicks on any of its links, the
 * reminder, the expiry), so each makes exactly one transition however many arrive at once.
 */
interface DoubleOptInRepository extends ListCrudRepository<DoubleOptIn, String> {

    @Query("select * from subscription_double_opt_in where process_instance_id = :processInstanceId for update")
    Optional<DoubleOptIn> lock(String processInstanceId);

    @Query("select * from subscription_double_opt_in where subscription_id = :subscriptionId and state = 'WAITING' for update")
    Optional<DoubleOptIn> lockWaiting(UUID subscriptionId);

    @Modifying
    @Query("update subscription_double_opt_in set last_requested_at = :at where process_instance_id = :processInstanceId")
    void requestedAgain(String processInstanceId, Instant at);

    @Modifying
    @Query("""
            update subscription_double_opt_in set state = 'CONFIRMED', confirmed_at = :at, click_evidence = :evidence
            where process_instance_id = :processInstanceId and state = 'WAITING'""")
    int confirmed(String processInstanceId, Instant at, byte[] evidence);

    @Modifying
    @Query("update subscription_double_opt_in set click_evidence = null where process_instance_id = :processInstanceId")
    void evidenceHandedOver(String processInstanceId);

    /** Every double opt-in of a person, locked in the order a click locks them (the row first); tokens cascade. */
    @Modifying
    @Query("delete from subscription_double_opt_in where account_id = :accountId and subscriber_id = :subscriberId")
    int deleteOfSubscriber(UUID accountId, UUID subscriberId);

    @Modifying
    @Query("update subscription_double_opt_in set state = 'EXPIRED' where process_instance_id = :processInstanceId and state = 'WAITING'")
    int expired(String processInstanceId);
}
