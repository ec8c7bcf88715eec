package dev.consentflow.privacy.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.ListCrudRepository;

interface ExportRequestRepository extends ListCrudRepository<ExportRequest, UUID> {

    List<ExportRequest> findByAccountIdOrderByRequestedAtDesc(UUID accountId);

    Optional<ExportRequest> findByIdAndAccountId(UUID id, UUID accountId);

    /** The request, its row locked until the transaction ends (a decision or a download). */
    @Lock(LockMode.PESSIMISTIC_WRITE)
    Optional<ExportRequest> findLockedById(UUID id);
}
