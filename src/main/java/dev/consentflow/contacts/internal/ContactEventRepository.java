package dev.consentflow.contacts.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface ContactEventRepository extends ListCrudRepository<ContactEvent, UUID> {

    /** The newest events of a card, for the card view (the export shows them all). */
    @Query("select * from contacts_event where contact_id = :contactId order by at desc, id limit :limit")
    List<ContactEvent> findNewest(UUID contactId, int limit);

    /** Opens and clicks of a card at or after a time. */
    @Query("""
            select count(*) from contacts_event
             where contact_id = :contactId and type in ('OPEN', 'CLICK') and at >= :since""")
    long countEngagementsSince(UUID contactId, java.time.Instant since);

    /**
     * What the MailRating is made of: distinct mailings clicked, distinct mailings opened or clicked (an event
     * without a mailing counts on its own), and hard-bounced subscriptions.
     */
    @Query("""
            select (select count(distinct coalesce(campaign, id::text)) from contacts_event
                     where contact_id = :contactId and type = 'CLICK' and at >= :since) as clicked,
                   (select count(distinct coalesce(campaign, id::text)) from contacts_event
                     where contact_id = :contactId and type in ('OPEN', 'CLICK') and at >= :since) as opened,
                   (select count(*) from contacts_subscription
                     where contact_id = :contactId and status = 'BOUNCED') as bounces""")
    RatingFacts ratingFacts(UUID contactId, java.time.Instant since);

    record RatingFacts(long clicked, long opened, long bounces) {
    }

    /** The derived rating; the card's version stays, as no value of the person changed. */
    @Modifying
    @Query("update contacts_contact set mail_rating = :rating where id = :contactId and mail_rating <> :rating")
    int setMailRating(UUID contactId, int rating);
}
