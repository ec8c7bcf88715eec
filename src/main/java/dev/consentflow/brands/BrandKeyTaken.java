package dev.consentflow.brands;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The account has a brand with this key already: {@code 409}. */
@ResponseStatus(HttpStatus.CONFLICT)
public class BrandKeyTaken extends RuntimeException {

    public BrandKeyTaken() {
        super("A brand with this key exists already");
    }
}
