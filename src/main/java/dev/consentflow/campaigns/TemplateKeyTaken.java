package dev.consentflow.campaigns;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The account has a template with this key already: {@code 409}, the message as the problem's detail. */
@ResponseStatus(HttpStatus.CONFLICT)
public class TemplateKeyTaken extends RuntimeException {

    public TemplateKeyTaken(String message) {
        super(message);
    }
}
