package dev.consentflow.contacts.internal;

import dev.consentflow.contacts.EmailAddress;
import dev.consentflow.contacts.MobileNumber;
import java.util.Map;

/**
 * What to change on a card.
 *
 * @param fields      field values to set; a null or empty value removes the field; others stay as they are
 * @param mobileGiven whether the mobile number changes at all
 * @param mobile      the new mobile number, or null to remove it (when {@code mobileGiven})
 * @param email       an email address for a card that has none yet, or null
 * @param actor       who the audit log names, or null for the caller's API key (or the person without one)
 */
record CardChange(Map<String, String> fields, boolean mobileGiven, MobileNumber mobile, EmailAddress email,
                  String actor) {

    CardChange {
        fields = fields == null ? Map.of() : fields;
    }

    CardChange(Map<String, String> fields, boolean mobileGiven, MobileNumber mobile, EmailAddress email) {
        this(fields, mobileGiven, mobile, email, null);
    }
}
