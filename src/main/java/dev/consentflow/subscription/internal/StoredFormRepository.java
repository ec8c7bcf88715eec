package dev.consentflow.subscription.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

/** Forms by account, and their changes; a form by its key is read by {@link StoredForms}. */
interface StoredFormRepository extends Repository<StoredForm, UUID> {

    String COLUMNS = "id, account_id, form_key, version, definition::text as definition, origin, allowed_origins";

    @Query("select " + COLUMNS + " from subscription_form where account_id = :accountId order by form_key")
    List<StoredForm> findByAccount(UUID accountId);

    /** Answers 0 when the key is taken, by anyone: keys are unique across the platform. */
    @Modifying
    @Query("""
            insert into subscription_form (id, account_id, form_key, version, definition, origin)
            values (:id, :accountId, :formKey, 1, cast(:definition as jsonb), :origin)
            on conflict (form_key) do nothing""")
    int insert(UUID id, UUID accountId, String formKey, String definition, String origin);

    /** A new version, only over the version read (two nodes starting together make one). */
    @Modifying
    @Query("""
            update subscription_form set definition = cast(:definition as jsonb), version = version + 1,
              updated_at = now()
            where form_key = :formKey and account_id = :accountId and version = :version""")
    int newVersion(String formKey, UUID accountId, int version, String definition);

    @Modifying
    @Query("""
            update subscription_form set allowed_origins = :allowedOrigins, updated_at = now()
            where form_key = :formKey and account_id = :accountId""")
    int setAllowedOrigins(String formKey, UUID accountId, String allowedOrigins);
}
