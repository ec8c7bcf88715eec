package dev.consentflow.contacts;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The contact (or the address) was erased: it is on no list and cannot change; only the person's confirmed opt-in brings it back: {@code 409}, the message as the problem's detail. */
@ResponseStatus(HttpStatus.CONFLICT)
public class ContactAlreadyErased extends RuntimeException {

    public ContactAlreadyErased(String message) {
        super(message);
    }
}
