package dev.consentflow.accounts;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The key to revoke is the account's last active ADMIN key: {@code 409}, so the account is never locked out. */
@ResponseStatus(HttpStatus.CONFLICT)
public class LastAdminKey extends RuntimeException {

    public LastAdminKey() {
        super("This is the account's last ADMIN key: create another ADMIN key before revoking it, so the account "
                + "is not locked out");
    }
}
