package dev.consentflow.brands;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A DKIM key was asked for a brand without a sending domain: {@code 409}, set the domain first. */
@ResponseStatus(HttpStatus.CONFLICT)
public class NoSendingDomain extends RuntimeException {

    public NoSendingDomain() {
        super("The brand has no sending domain: set sendingDomain before generating a DKIM key");
    }
}
