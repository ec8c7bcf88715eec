package dev.consentflow.contacts;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Another card of the account has this email address or mobile number: {@code 409}, the message as the problem's detail. */
@ResponseStatus(HttpStatus.CONFLICT)
public class AddressTaken extends RuntimeException {

    public AddressTaken(String message) {
        super(message);
    }
}
