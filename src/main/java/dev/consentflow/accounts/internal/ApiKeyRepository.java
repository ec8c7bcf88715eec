package dev.consentflow.accounts.internal;

import dev.consentflow.accounts.Role;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface ApiKeyRepository extends ListCrudRepository<ApiKey, UUID> {

    @Query("select * from accounts_api_key where key_hash = :keyHash and revoked_at is null")
    Optional<ApiKey> findActiveByHash(byte[] keyHash);

    boolean existsByName(String name);

    boolean existsByRole(Role role);
}
