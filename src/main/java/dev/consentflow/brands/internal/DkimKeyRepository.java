package dev.consentflow.brands.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.CrudRepository;

interface DkimKeyRepository extends CrudRepository<DkimKey, UUID> {

    List<DkimKey> findByBrandIdOrderByCreatedAtDesc(UUID brandId);

    /** Every key of the brand still without an end gets one: it stays published until then. */
    @Modifying
    @Query("update brands_dkim_key set retire_after = :retireAfter where brand_id = :brandId and retire_after is null")
    int graceAll(UUID brandId, Instant retireAfter);

    /** Retired keys sign nothing and verify nothing new: their private keys go. */
    @Modifying
    @Query("update brands_dkim_key set private_key_sealed = null where brand_id = :brandId and retire_after <= :now")
    int dropRetired(UUID brandId, Instant now);
}
