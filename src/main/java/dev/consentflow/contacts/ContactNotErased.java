package dev.consentflow.contacts;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A resubscription names a live contact: a live contact subscribes through {@code POST /api/subscriptions}: {@code 409}, the message as the problem's detail. */
@ResponseStatus(HttpStatus.CONFLICT)
public class ContactNotErased extends RuntimeException {

    public ContactNotErased() {
        super("This contact is not erased: a live contact subscribes through "
                + "POST /api/subscriptions");
    }

    /** With a detail of the caller's own (the console's message key). */
    public ContactNotErased(String message) {
        super(message);
    }
}
