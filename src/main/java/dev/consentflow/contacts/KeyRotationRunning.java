package dev.consentflow.contacts;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A key rotation of the account has not finished yet: one at a time ({@code 409}). */
@ResponseStatus(HttpStatus.CONFLICT)
public class KeyRotationRunning extends RuntimeException {

    public KeyRotationRunning() {
        super("A key rotation of this account is running; start the next one when it has finished");
    }
}
