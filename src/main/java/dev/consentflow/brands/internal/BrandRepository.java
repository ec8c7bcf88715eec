package dev.consentflow.brands.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.CrudRepository;

interface BrandRepository extends CrudRepository<Brand, UUID> {

    Optional<Brand> findByAccountIdAndBrandKey(UUID accountId, String brandKey);

    List<Brand> findByAccountIdOrderByBrandKey(UUID accountId);

    boolean existsByAccountIdAndFromAddressIsNotNull(UUID accountId);
}
