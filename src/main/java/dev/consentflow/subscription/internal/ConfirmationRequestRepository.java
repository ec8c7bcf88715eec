package dev.consentflow.subscription.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

/**
 * The row locks here serialise everything that happens to one request (clicks on any of its links, the
 * reminder, the expiry), so each makes exactly one transition however many arrive at once.
 */
interface ConfirmationRequestRepository extends ListCrudRepository<ConfirmationRequest, String> {

    @Query("select * from subscription_confirmation_request where process_instance_id = :processInstanceId for update")
    Optional<ConfirmationRequest> lock(String processInstanceId);

    /**
     * The request a link leads to, by the link's hash for either purpose (the text of a link does not say which it
     * is), each hash matched only as its purpose's: the link's look-up and the request's read in one statement (a
     * link's page made two).
     */
    @Query("""
            select r.* from subscription_confirmation_request r
              join subscription_confirmation_request_token t on t.process_instance_id = r.process_instance_id
             where (t.token_hash = :signupHash and t.purpose = 'SIGNUP')
                or (t.token_hash = :resubscriptionHash and t.purpose = 'RESUBSCRIPTION')""")
    Optional<ConfirmationRequest> findOfLink(byte[] signupHash, byte[] resubscriptionHash);

    @Query("""
            select * from subscription_confirmation_request
            where purpose = 'SIGNUP' and subscription_id = :subscriptionId and state = 'WAITING' for update""")
    Optional<ConfirmationRequest> lockWaitingSignup(UUID subscriptionId);

    @Query("""
            select * from subscription_confirmation_request
            where purpose = 'RESUBSCRIPTION' and resubscription_id = :resubscriptionId and state = 'WAITING'
            for update""")
    Optional<ConfirmationRequest> lockWaitingResubscription(UUID resubscriptionId);

    @Modifying
    @Query("update subscription_confirmation_request set last_requested_at = :at where process_instance_id = :processInstanceId")
    void requestedAgain(String processInstanceId, Instant at);

    @Modifying
    @Query("""
            update subscription_confirmation_request set state = 'CONFIRMED', confirmed_at = :at, click_evidence = :evidence
            where process_instance_id = :processInstanceId and state = 'WAITING'""")
    int confirmed(String processInstanceId, Instant at, byte[] evidence);

    /**
     * The click and its hand-over in one write, when the confirm step runs in the click's transaction: CONFIRMED,
     * the card confirmed, no evidence kept.
     */
    @Modifying
    @Query("""
            update subscription_confirmation_request set state = 'CONFIRMED', confirmed_at = :at, click_evidence = null,
                   subscriber_id = :subscriberId
            where process_instance_id = :processInstanceId and state = 'WAITING'""")
    int confirmedAndHandedOver(String processInstanceId, Instant at, UUID subscriberId);

    /** Contacts keeps the evidence now; the row keeps the card confirmed (a resubscription's new one). */
    @Modifying
    @Query("""
            update subscription_confirmation_request set click_evidence = null, subscriber_id = :subscriberId
            where process_instance_id = :processInstanceId""")
    void evidenceHandedOver(String processInstanceId, UUID subscriberId);

    /** An unconfirmed request leaves no row behind; its links go with it (cascade). */
    @Modifying
    @Query("delete from subscription_confirmation_request where process_instance_id = :processInstanceId and state = 'WAITING'")
    int expired(String processInstanceId);

    /** Every request of a person, locked in the order a click locks them (the row first); links cascade. */
    @Modifying
    @Query("delete from subscription_confirmation_request where account_id = :accountId and subscriber_id = :subscriberId")
    int deleteOfSubscriber(UUID accountId, UUID subscriberId);
}
