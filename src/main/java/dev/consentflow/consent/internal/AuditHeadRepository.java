package dev.consentflow.consent.internal;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.Repository;

interface AuditHeadRepository extends Repository<AuditHead, UUID> {

    Optional<AuditHead> findById(UUID chain);
}
