package dev.consentflow.privacy.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.ListCrudRepository;

interface AccessRequestRepository extends ListCrudRepository<AccessRequest, UUID> {

    List<AccessRequest> findByAccountIdOrderByRequestedAtDesc(UUID accountId);

    Optional<AccessRequest> findByIdAndAccountId(UUID id, UUID accountId);

    @Lock(LockMode.PESSIMISTIC_WRITE)
    Optional<AccessRequest> findLockedById(UUID id);
}
