package dev.consentflow.subscription.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

/**
 * The row locks here serialise everything that happens to one resubscribe instance (clicks on any of its links,
 * the expiry), so each makes exactly one transition however many arrive at once.
 */
interface ResubscribeRepository extends ListCrudRepository<Resubscribe, String> {

    @Query("select * from subscription_resubscribe where process_instance_id = :processInstanceId for update")
    Optional<Resubscribe> lock(String processInstanceId);

    @Query("select * from subscription_resubscribe where resubscription_id = :resubscriptionId and state = 'WAITING' for update")
    Optional<Resubscribe> lockWaiting(UUID resubscriptionId);

    @Modifying
    @Query("update subscription_resubscribe set last_requested_at = :at where process_instance_id = :processInstanceId")
    void requestedAgain(String processInstanceId, Instant at);

    @Modifying
    @Query("""
            update subscription_resubscribe set state = 'CONFIRMED', confirmed_at = :at, click_evidence = :evidence
            where process_instance_id = :processInstanceId and state = 'WAITING'""")
    int confirmed(String processInstanceId, Instant at, byte[] evidence);

    @Modifying
    @Query("""
            update subscription_resubscribe set click_evidence = null, subscriber_id = :subscriberId
            where process_instance_id = :processInstanceId""")
    void evidenceHandedOver(String processInstanceId, UUID subscriberId);

    @Modifying
    @Query("delete from subscription_resubscribe where process_instance_id = :processInstanceId and state = 'WAITING'")
    int expired(String processInstanceId);

    /** The resubscriptions that brought an erased person back (ids and times only); their tokens cascade. */
    @Modifying
    @Query("delete from subscription_resubscribe where account_id = :accountId and subscriber_id = :subscriberId")
    int deleteOfSubscriber(UUID accountId, UUID subscriberId);
}
