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

    @Modifying
    @Query("delete from contacts_event where contact_id = :contactId")
    int deleteByContactId(UUID contactId);
}
