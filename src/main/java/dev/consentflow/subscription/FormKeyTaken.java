package dev.consentflow.subscription;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A signup form with this key exists already: {@code 409}, the message as the problem's detail. */
@ResponseStatus(HttpStatus.CONFLICT)
public class FormKeyTaken extends RuntimeException {

    public FormKeyTaken(String message) {
        super(message);
    }
}
