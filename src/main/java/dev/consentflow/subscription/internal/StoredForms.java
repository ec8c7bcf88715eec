package dev.consentflow.subscription.internal;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A form by its key, as every page and post of a form reads it: with a row mapper of its own, not through the
 * repository ({@link StoredFormRepository}): Spring Data's mapping of the row (conversions, reflection) cost a form
 * post more CPU than the read itself.
 */
@Component
class StoredForms {

    private static final String BY_KEY = "select " + StoredFormRepository.COLUMNS
            + " from subscription_form where form_key = :formKey";

    private final JdbcClient jdbc;

    StoredForms(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredForm> byKey(String formKey) {
        return jdbc.sql(BY_KEY).param("formKey", formKey)
                .query((row, number) -> new StoredForm(row.getObject("id", UUID.class),
                        row.getObject("account_id", UUID.class), row.getString("form_key"), row.getInt("version"),
                        row.getString("definition"), row.getString("origin"), row.getString("allowed_origins")))
                .optional();
    }
}
