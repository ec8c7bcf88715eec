package dev.consentflow.subscription;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A form changed between reading and writing it (another change won): {@code 409}; read it again and retry. */
@ResponseStatus(HttpStatus.CONFLICT)
public class FormChangedMeanwhile extends RuntimeException {

    public FormChangedMeanwhile(String message) {
        super(message);
    }
}
