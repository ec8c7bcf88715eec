package dev.consentflow.contacts.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

/**
 * Cards. Every query is written out: a derived query renders its SQL again on every call (a profile of the signup
 * and dispatch paths found that rendering above the cost of the query itself). The cards of an address and the
 * address's lock are read by {@link Cards}, with row mappers of their own.
 */
interface ContactRepository extends ListCrudRepository<Contact, UUID> {

    @Query("select * from contacts_contact where id = :id and account_id = :accountId")
    Optional<Contact> findByIdAndAccountId(UUID id, UUID accountId);

    /**
     * Whether the card is erased: one column, where loading the card would read its fields too (a confirmation
     * asks only this). Empty when there is no such card.
     */
    @Query("select erased_at is not null from contacts_contact where id = :id")
    Optional<Boolean> findErasedById(UUID id);

    /** The card, its row locked until the transaction ends (a change of the card). */
    @Query("select * from contacts_contact where id = :id and account_id = :accountId for update")
    Optional<Contact> findLockedByIdAndAccountId(UUID id, UUID accountId);

    /**
     * Who holds a mobile number besides the given card: {@code TAKEN} (another live card), {@code ERASED} (only
     * tombstones, no live card: the number was erased) or null (nobody, or only that card). Live cards and
     * tombstones are read apart, each through its own partial index (V11, V245): one predicate on the address alone
     * matches no index and reads the whole table.
     */
    @Query("""
            select case when bool_or(erased_at is null and id <> :exceptId) then 'TAKEN'
                        when bool_or(erased_at is null) then null
                        when count(*) > 0 then 'ERASED' end
              from (select id, erased_at from contacts_contact
                     where account_id = :accountId and mobile_index in (:indexes) and erased_at is null
                    union all
                    select id, erased_at from contacts_contact
                     where account_id = :accountId and mobile_index in (:indexes) and erased_at is not null) cards""")
    String mobileHolder(UUID accountId, Collection<byte[]> indexes, UUID exceptId);

    /** As {@link #mobileHolder} for an email address. */
    @Query("""
            select case when bool_or(erased_at is null and id <> :exceptId) then 'TAKEN'
                        when bool_or(erased_at is null) then null
                        when count(*) > 0 then 'ERASED' end
              from (select id, erased_at from contacts_contact
                     where account_id = :accountId and email_index in (:indexes) and erased_at is null
                    union all
                    select id, erased_at from contacts_contact
                     where account_id = :accountId and email_index in (:indexes) and erased_at is not null) cards""")
    String emailHolder(UUID accountId, Collection<byte[]> indexes, UUID exceptId);

    /** Tombstones whose erasure lies before the time, the oldest first (retention). */
    @Query("""
            select id from contacts_contact
            where erased_at is not null and erased_at < :erasedBefore
            order by erased_at, id limit :limit""")
    List<UUID> findTombstonesErasedBefore(Instant erasedBefore, int limit);
}
