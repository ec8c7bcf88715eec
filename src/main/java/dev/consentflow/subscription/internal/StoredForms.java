package dev.consentflow.subscription.internal;

import dev.consentflow.contacts.ListInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A form by its key, as every page and post of a form reads it: with a row mapper of its own, not through the
 * repository ({@link StoredFormRepository}): Spring Data's mapping of the row (conversions, reflection) cost a form
 * post more CPU than the read itself. The pages and posts read the form's list in the same statement
 * ({@link #withList}).
 */
@Component
class StoredForms {

    private static final String BY_KEY = "select " + StoredFormRepository.COLUMNS
            + " from subscription_form where form_key = :formKey";

    /**
     * The form and the list its definition names first, of the form's account (as {@code MailingLists.findList}
     * reads it): no list row when the definition names none or the account has no list of that key.
     */
    private static final String WITH_LIST = "select f.id, f.account_id, f.form_key, f.version,"
            + " f.definition::text as definition, f.origin, f.allowed_origins, l.id as list_id, l.key as list_key,"
            + " l.name as list_name, l.brand as list_brand, l.language as list_language,"
            + " l.track_opens as list_track_opens, l.track_clicks as list_track_clicks"
            + " from subscription_form f left join contacts_list l"
            + " on l.account_id = f.account_id and l.key = f.definition -> 'lists' ->> 0"
            + " where f.form_key = :formKey";

    private final JdbcClient jdbc;

    StoredForms(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored form and its list as one read found them; the list is null when there is none. */
    record WithList(StoredForm form, ListInfo list) {
    }

    Optional<StoredForm> byKey(String formKey) {
        return jdbc.sql(BY_KEY).param("formKey", formKey).query(StoredForms::storedForm).optional();
    }

    /** The form with its list in one round trip: a form post and a form's pages read nothing else of either. */
    Optional<WithList> withList(String formKey) {
        return jdbc.sql(WITH_LIST).param("formKey", formKey).query((row, number) -> {
            UUID listId = row.getObject("list_id", UUID.class);
            return new WithList(storedForm(row, number), listId == null ? null
                    : new ListInfo(listId, row.getString("list_key"), row.getString("list_name"),
                    row.getString("list_brand"), row.getString("list_language"),
                    row.getBoolean("list_track_opens"), row.getBoolean("list_track_clicks")));
        }).optional();
    }

    private static StoredForm storedForm(ResultSet row, int number) throws SQLException {
        return new StoredForm(row.getObject("id", UUID.class), row.getObject("account_id", UUID.class),
                row.getString("form_key"), row.getInt("version"), row.getString("definition"), row.getString("origin"),
                row.getString("allowed_origins"));
    }
}
