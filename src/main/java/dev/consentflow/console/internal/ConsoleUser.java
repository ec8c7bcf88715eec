package dev.consentflow.console.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.accounts.Role;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A person of an account who signs in to the console. INVITED until the invitation is accepted (no password
 * yet), ACTIVE after, REMOVED once disabled.
 */
@Table("console_user")
record ConsoleUser(@Id UUID id, UUID accountId, String email, Role role, String passwordHash, String language,
                   Instant createdAt, String createdBy, Instant joinedAt, Instant disabledAt) {

    enum Status { INVITED, ACTIVE, REMOVED }

    public Status status() {
        if (disabledAt != null) {
            return Status.REMOVED;
        }
        return passwordHash == null ? Status.INVITED : Status.ACTIVE;
    }

    boolean canSignIn() {
        return status() == Status.ACTIVE;
    }

    AccountId account() {
        return new AccountId(accountId);
    }

    Caller caller() {
        return Caller.person(id, account(), role);
    }

    String actor() {
        return caller().actor();
    }
}
