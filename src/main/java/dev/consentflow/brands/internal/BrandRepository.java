package dev.consentflow.brands.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.CrudRepository;

interface BrandRepository extends CrudRepository<Brand, UUID> {

    /**
     * Written out: a derived query renders its SQL again on every call, and this one runs on every confirmation
     * page (its brand) and sender look-up; the rendering was 16 % of a confirmation click's CPU in a JFR profile.
     */
    @Query("select * from brands_brand where account_id = :accountId and brand_key = :brandKey")
    Optional<Brand> findByAccountIdAndBrandKey(UUID accountId, String brandKey);

    List<Brand> findByAccountIdOrderByBrandKey(UUID accountId);

    boolean existsByAccountId(UUID accountId);
}
