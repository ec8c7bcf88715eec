package dev.consentflow.accounts;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** An account with this name exists already: {@code 409}, the message as the problem's detail. */
@ResponseStatus(HttpStatus.CONFLICT)
public class AccountNameTaken extends RuntimeException {

    public AccountNameTaken() {
        super("An account with this name exists already");
    }
}
