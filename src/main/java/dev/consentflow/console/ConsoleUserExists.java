package dev.consentflow.console;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A console user of this account signs in with this address already: {@code 409}, the message as the detail. */
@ResponseStatus(HttpStatus.CONFLICT)
public class ConsoleUserExists extends RuntimeException {

    public ConsoleUserExists() {
        super("A console user with this email address exists already");
    }
}
