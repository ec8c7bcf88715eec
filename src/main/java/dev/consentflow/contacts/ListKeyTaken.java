package dev.consentflow.contacts;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The account has a list with this key already: {@code 409}, the message as the problem's detail. */
@ResponseStatus(HttpStatus.CONFLICT)
public class ListKeyTaken extends RuntimeException {

    public ListKeyTaken() {
        super("A list with this key exists already");
    }
}
