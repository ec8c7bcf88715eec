package dev.consentflow.accounts;

import dev.consentflow.web.InvalidInputException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who makes the current request: the key, its account (none for platform operators) and its role.
 * Every query of account data is scoped by {@link #account()}. A person signed in to the console is a caller
 * too ({@code person}): then {@code keyId} is the console user's id.
 */
public record Caller(UUID keyId, AccountId account, Role role, boolean person) {

    public Caller(UUID keyId, AccountId account, Role role) {
        this(keyId, account, role, false);
    }

    /** A console user of an account, signed in with a password. */
    public static Caller person(UUID userId, AccountId account, Role role) {
        return new Caller(userId, account, role, true);
    }

    public boolean isOperator() {
        return role == Role.OPERATOR;
    }

    /** The caller's account; operators, who belong to the platform, have none. */
    public AccountId requireAccount() {
        if (account == null) {
            throw new IllegalStateException("an operator key belongs to no account");
        }
        return account;
    }

    /**
     * The account a read is about: always the caller's own; a platform operator, who has none, names one (the
     * {@code account} parameter of the operator's reads).
     */
    public AccountId readScope(UUID requested) {
        if (isOperator()) {
            if (requested == null) {
                throw new InvalidInputException("account", "is required for platform operators");
            }
            return new AccountId(requested);
        }
        AccountId own = requireAccount();
        if (requested != null && !requested.equals(own.value())) {
            throw new InvalidInputException("account", "only platform operators choose the account");
        }
        return own;
    }

    /** The authenticated caller of the current request, if any. */
    public static Optional<Caller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            return Optional.of(caller);
        }
        return Optional.empty();
    }

    /**
     * Who did something, as written to the audit log: the key id and its role ({@code admin:<keyId>}), or a
     * console user ({@code user:<userId>}); never a person's name or address.
     */
    public String actor() {
        if (person) {
            return "user:" + keyId;
        }
        return role.name().toLowerCase() + ":" + keyId;
    }
}
