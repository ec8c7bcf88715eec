package dev.consentflow.contacts.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

/**
 * Lists. The queries are written out: a derived query ({@code findByAccountIdAndKey}) renders its SQL again on
 * every call, which cost a signup more CPU than the rest of its list lookup. A list by its key is read without
 * the repository ({@link Lists#find}).
 */
interface MailingListRepository extends ListCrudRepository<MailingList, UUID> {

    @Query("select * from contacts_list where id = :id and account_id = :accountId")
    Optional<MailingList> findByIdAndAccountId(UUID id, UUID accountId);

    @Query("select exists(select 1 from contacts_list where account_id = :accountId and key = :key)")
    boolean existsByAccountIdAndKey(UUID accountId, String key);

    @Query("select * from contacts_list where account_id = :accountId order by key")
    List<MailingList> findByAccountIdOrderByKey(UUID accountId);
}
