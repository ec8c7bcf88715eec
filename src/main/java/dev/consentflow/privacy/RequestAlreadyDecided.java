package dev.consentflow.privacy;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** An erasure or export request does not wait for a decision any more: decided, expired or carried out: {@code 409}, the message as the problem's detail. */
@ResponseStatus(HttpStatus.CONFLICT)
public class RequestAlreadyDecided extends RuntimeException {

    public RequestAlreadyDecided(String message) {
        super(message);
    }
}
