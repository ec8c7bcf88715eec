package dev.consentflow.console.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface ConsoleUserRepository extends ListCrudRepository<ConsoleUser, UUID> {

    @Query("select * from console_user where email = :email and disabled_at is null")
    Optional<ConsoleUser> findActiveByEmail(String email);

    @Query("select * from console_user where account_id = :accountId and disabled_at is null order by created_at")
    List<ConsoleUser> findActiveByAccount(UUID accountId);

    Optional<ConsoleUser> findByIdAndAccountId(UUID id, UUID accountId);

    @Modifying
    @Query("update console_user set disabled_at = :at where id = :id and disabled_at is null")
    int disable(UUID id, Instant at);

    @Modifying
    @Query("update console_user set password_hash = :hash, joined_at = :at where id = :id and disabled_at is null")
    int join(UUID id, String hash, Instant at);

    @Modifying
    @Query("update console_user set language = :language where id = :id")
    void changeLanguage(UUID id, String language);
}
