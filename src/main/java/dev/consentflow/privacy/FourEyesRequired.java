package dev.consentflow.privacy;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The key that requested an erasure tried to decide it too: another key must: {@code 409}, the message as the problem's detail. */
@ResponseStatus(HttpStatus.CONFLICT)
public class FourEyesRequired extends RuntimeException {

    public FourEyesRequired() {
        super("Four eyes: the key that requested this erasure cannot decide it; "
                + "another ADMIN or COMPLIANCE key must");
    }
}
