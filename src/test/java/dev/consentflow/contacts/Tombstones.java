package dev.consentflow.contacts;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Makes a card the tombstone an erasure leaves (the erasure itself is another issue's): the data key and every
 * readable value gone, the email index and the subscriptions' dates and IPs kept.
 */
public final class Tombstones {

    private Tombstones() {
    }

    public static void erase(JdbcClient jdbc, UUID contactId) {
        jdbc.sql("delete from contacts_field where contact_id = ?").param(contactId).update();
        jdbc.sql("delete from contacts_event where contact_id = ?").param(contactId).update();
        jdbc.sql("""
                update contacts_contact
                   set erased_at = now(), wrapped_key = null, email_sealed = null, mobile_sealed = null,
                       mobile_index = null
                 where id = ?""").param(contactId).update();
        jdbc.sql("update contacts_subscription set status = 'UNSUBSCRIBED', subscribe_user_agent = null, "
                + "confirm_user_agent = null, consent_text = null where contact_id = ?").param(contactId).update();
    }
}
