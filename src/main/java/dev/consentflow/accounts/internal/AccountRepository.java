package dev.consentflow.accounts.internal;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.ListCrudRepository;

interface AccountRepository extends ListCrudRepository<Account, UUID> {

    Optional<Account> findByName(String name);
}
