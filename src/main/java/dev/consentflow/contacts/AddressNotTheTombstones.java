package dev.consentflow.contacts;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A resubscription's address is not the address of the erased contact it names: {@code 409}, the message as the problem's detail. */
@ResponseStatus(HttpStatus.CONFLICT)
public class AddressNotTheTombstones extends RuntimeException {

    public AddressNotTheTombstones() {
        super("The address given is not the address of this erased contact");
    }
}
