package dev.consentflow.contacts;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The address of a resubscription has a newer card than the erased one it names: the person is back already, or was erased again later: {@code 409}, the message as the problem's detail. */
@ResponseStatus(HttpStatus.CONFLICT)
public class NewerCardExists extends RuntimeException {

    public NewerCardExists() {
        super("This address has a newer card than this erased one: the person is back "
                + "already, or was erased again later");
    }
}
