package dev.consentflow.contacts.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.ListCrudRepository;

interface MailingListRepository extends ListCrudRepository<MailingList, UUID> {

    Optional<MailingList> findByAccountIdAndKey(UUID accountId, String key);

    Optional<MailingList> findByIdAndAccountId(UUID id, UUID accountId);

    boolean existsByAccountIdAndKey(UUID accountId, String key);

    List<MailingList> findByAccountIdOrderByKey(UUID accountId);
}
