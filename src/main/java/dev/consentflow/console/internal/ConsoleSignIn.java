package dev.consentflow.console.internal;

import dev.consentflow.accounts.Caller;
import dev.consentflow.consent.AuditAction;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks a console sign-in: throttled per address and per client IP before the password is looked at, the same
 * work (one hash) for an unknown address as for a known one, and the person's {@link Caller} as the principal,
 * so every facade records them as actor {@code user:<id>}.
 */
class ConsoleSignIn implements AuthenticationProvider {

    /**
     * What an unknown address's password is checked against, so that it costs one hash as a known address's does:
     * a bcrypt hash, at the console encoder's cost (10), of a random password nobody kept. Written here rather
     * than encoded on every start (that encode was 0.12 s of the start-up's main thread); an encoder of a higher
     * cost encodes its own.
     */
    static final String UNKNOWN_USER_HASH = "$2a$10$TwtKl1UxEWFV/OUXGfB9g.kaNQNCIkPKdPBbhze49nSYNE/EMIteW";

    private final ConsoleUserRepository users;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    private final ConsoleAudit audit;
    private final String unknownUserHash;

    ConsoleSignIn(ConsoleUserRepository users, PasswordEncoder passwords, LoginThrottle throttle, ConsoleAudit audit) {
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
        this.unknownUserHash = passwords.upgradeEncoding(UNKNOWN_USER_HASH)
                ? passwords.encode("no user has this password " + System.nanoTime())
                : UNKNOWN_USER_HASH;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String email = String.valueOf(attempt.getName()).strip().toLowerCase(Locale.ROOT);
        String password = attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
        String ip = attempt.getDetails() instanceof SignInDetails details ? details.ip() : "unknown";
        if (throttle.isBlocked(email, ip)) {
            throw new LockedException("Too many failed sign-ins");
        }
        Optional<ConsoleUser> user = users.findActiveByEmail(email).filter(ConsoleUser::canSignIn);
        boolean matches = passwords.matches(password, user.map(ConsoleUser::passwordHash).orElse(unknownUserHash));
        if (user.isEmpty() || !matches) {
            throttle.failed(email, ip);
            user.ifPresent(u -> audit.append(u.account(), AuditAction.SIGN_IN_FAILED, u.actor(), "ip", ip));
            throw new BadCredentialsException("Wrong email address or password");
        }
        ConsoleUser signedIn = user.get();
        audit.append(signedIn.account(), AuditAction.SIGNED_IN, signedIn.actor(), "ip", ip);
        Caller caller = signedIn.caller();
        var authenticated = UsernamePasswordAuthenticationToken.authenticated(caller, null,
                List.of(new SimpleGrantedAuthority(caller.role().authority())));
        authenticated.setDetails(attempt.getDetails());
        return authenticated;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** What a sign-in request tells besides the form: the client's IP (behind trusted proxies, the real one). */
    record SignInDetails(String ip) implements java.io.Serializable {
    }
}
