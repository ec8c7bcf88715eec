package dev.consentflow.contacts.internal;

import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.EmailAddress;
import dev.consentflow.contacts.MobileNumber;
import java.time.Instant;

/**
 * What a pending resubscription keeps sealed: the addresses the new card will hold (the one that identifies the
 * person and, when the confirmation goes by SMS, the mobile number), the request's evidence, and the API key it
 * came with. {@link #toString()} shows none of it.
 */
record ResubscriptionPayload(String email, String mobile, Instant at, String ip, String userAgent, String formKey,
                             Integer formVersion, String consentText, String integration) {

    static ResubscriptionPayload of(EmailAddress email, MobileNumber mobile, ConsentEvidence evidence,
                                    String integration) {
        return new ResubscriptionPayload(email == null ? null : email.value(), mobile == null ? null : mobile.value(),
                evidence.at(), evidence.ip(), evidence.userAgent(), evidence.formKey(), evidence.formVersion(),
                evidence.consentText(), integration);
    }

    EmailAddress emailAddress() {
        return email == null ? null : EmailAddress.parse(email);
    }

    MobileNumber mobileNumber() {
        return mobile == null ? null : MobileNumber.parse(mobile);
    }

    /** The address that identifies the person, and so takes the address's lock: the email, else the mobile. */
    EmailAddress identityEmail() {
        return emailAddress();
    }

    MobileNumber identityMobile() {
        return email == null ? mobileNumber() : null;
    }

    ConsentEvidence evidence() {
        return new ConsentEvidence(at, ip, userAgent, formKey, formVersion, consentText);
    }

    @Override
    public String toString() {
        return "ResubscriptionPayload[...]";
    }
}
