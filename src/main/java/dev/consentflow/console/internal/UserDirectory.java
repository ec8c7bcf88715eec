package dev.consentflow.console.internal;

import dev.consentflow.console.ConsoleUserExists;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Accounts;
import dev.consentflow.accounts.Caller;
import dev.consentflow.accounts.Role;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.contacts.EmailAddress;
import dev.consentflow.dispatch.StaffMail;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The console's users of an account: an ADMIN (key or person) invites one by mail, the person sets a password
 * through the link (72 hours, once), an ADMIN removes them. Every change is audited with its actor.
 */
@Service
class UserDirectory {

    static final Duration INVITATION_VALID_FOR = Duration.ofHours(72);
    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 200;

    private final ConsoleUserRepository users;
    private final InvitationRepository invitations;
    private final JdbcAggregateTemplate aggregates;
    private final PasswordEncoder passwords;
    private final ConsoleAudit audit;
    private final InvitationMail mail;

    UserDirectory(ConsoleUserRepository users, InvitationRepository invitations, JdbcAggregateTemplate aggregates,
                  PasswordEncoder passwords, ConsoleAudit audit, InvitationMail mail) {
        this.users = users;
        this.invitations = invitations;
        this.aggregates = aggregates;
        this.passwords = passwords;
        this.audit = audit;
        this.mail = mail;
    }

    /** Invites a person; the mail goes out after the commit, so a refused invitation sends nothing. */
    @Transactional
    ConsoleUser invite(Caller admin, String email, String role) {
        AccountId account = admin.requireAccount();
        String address = EmailAddress.parseField("email", email).normalized().toLowerCase(Locale.ROOT);
        Role chosen = parseRole(role);
        if (users.findActiveByEmail(address).isPresent()) {
            throw new ConsoleUserExists();
        }
        Instant now = now();
        ConsoleUser user = aggregates.insert(new ConsoleUser(UUID.randomUUID(), account.value(), address, chosen,
                null, null, now, admin.actor(), null, null));
        String token = InvitationTokens.next();
        invitations.insert(InvitationTokens.hash(token), user.id(), now.plus(INVITATION_VALID_FOR));
        audit.append(account, AuditAction.USER_INVITED, admin.actor(), "userId", user.id(), "role", chosen.name());
        afterCommit(() -> mail.send(account, address, token));
        return user;
    }

    List<ConsoleUser> list(AccountId account) {
        return users.findActiveByAccount(account.value());
    }

    @Transactional
    void remove(Caller admin, UUID userId) {
        AccountId account = admin.requireAccount();
        ConsoleUser user = users.findByIdAndAccountId(userId, account.value())
                .filter(u -> u.disabledAt() == null).orElseThrow(() -> new NotFoundException("User"));
        users.disable(user.id(), now());
        audit.append(account, AuditAction.USER_REMOVED, admin.actor(), "userId", user.id());
    }

    /** The user an invitation token is still valid for. */
    Optional<ConsoleUser> invited(String token) {
        if (!InvitationTokens.isWellFormed(token)) {
            return Optional.empty();
        }
        return invitations.findValid(InvitationTokens.hash(token), now())
                .flatMap(i -> users.findById(i.userId())).filter(u -> u.status() == ConsoleUser.Status.INVITED);
    }

    /** Uses the invitation up and sets the password; empty when the link is unknown, expired or used. */
    @Transactional
    Optional<ConsoleUser> accept(String token, String password) {
        checkPassword(password);
        if (!InvitationTokens.isWellFormed(token)) {
            return Optional.empty();
        }
        Optional<ConsoleUser> user = invitations.use(InvitationTokens.hash(token), now())
                .flatMap(i -> users.findById(i.userId())).filter(u -> u.status() == ConsoleUser.Status.INVITED);
        user.ifPresent(u -> {
            users.join(u.id(), passwords.encode(password), now());
            audit.append(u.account(), AuditAction.USER_JOINED, u.actor(), "userId", u.id());
        });
        return user;
    }

    @Transactional
    void changeLanguage(ConsoleUser user, String language) {
        users.changeLanguage(user.id(), language);
        audit.append(user.account(), AuditAction.LANGUAGE_CHANGED, user.actor(), "language", language);
    }

    Optional<ConsoleUser> find(UUID id) {
        return users.findById(id);
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new InvalidInputException("password", "must have at least " + MIN_PASSWORD + " characters");
        }
        if (password.length() > MAX_PASSWORD) {
            throw new InvalidInputException("password", "must have at most " + MAX_PASSWORD + " characters");
        }
    }

    private static Role parseRole(String role) {
        try {
            Role parsed = Role.valueOf(role == null ? "" : role);
            if (parsed != Role.OPERATOR) {
                return parsed;
            }
        } catch (IllegalArgumentException ignored) {
            // answered below
        }
        throw new InvalidInputException("role", "must be ADMIN, MARKETER or COMPLIANCE");
    }

    private static void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
