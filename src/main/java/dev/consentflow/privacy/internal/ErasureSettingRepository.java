package dev.consentflow.privacy.internal;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface ErasureSettingRepository extends ListCrudRepository<ErasureSetting, UUID> {

    @Modifying
    @Query("""
            insert into privacy_erasure_setting (account_id, approval_required, updated_at, updated_by)
            values (:accountId, :approvalRequired, :at, :by)
            on conflict (account_id) do update
               set approval_required = excluded.approval_required, updated_at = excluded.updated_at,
                   updated_by = excluded.updated_by""")
    void put(UUID accountId, boolean approvalRequired, Instant at, String by);
}
