package dev.consentflow.accounts.internal;

import dev.consentflow.accounts.Role;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface ApiKeyRepository extends ListCrudRepository<ApiKey, UUID> {

    @Query("select * from accounts_api_key where key_hash = :keyHash and revoked_at is null")
    Optional<ApiKey> findActiveByHash(byte[] keyHash);

    @Query("select * from accounts_api_key where account_id = :accountId and revoked_at is null order by created_at, id")
    List<ApiKey> findActiveByAccount(UUID accountId);

    @Query("select * from accounts_api_key where id = :id and account_id = :accountId and revoked_at is null")
    Optional<ApiKey> findActive(UUID id, UUID accountId);

    /** Locks the account's active ADMIN keys, so two admins revoking each other cannot both succeed. */
    @Query("select id from accounts_api_key where account_id = :accountId and role = 'ADMIN' and revoked_at is null "
            + "for update")
    List<UUID> lockActiveAdmins(UUID accountId);

    @Modifying
    @Query("update accounts_api_key set revoked_at = now() where id = :id and revoked_at is null")
    int revoke(UUID id);

    /** Records a use, unless one was recorded within the last minute (a concurrent request did it). */
    @Modifying
    @Query("update accounts_api_key set last_used_at = now() where id = :id "
            + "and (last_used_at is null or last_used_at < now() - interval '1 minute')")
    int recordUse(UUID id);

    boolean existsByName(String name);

    boolean existsByRole(Role role);
}
