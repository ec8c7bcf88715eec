package dev.consentflow.accounts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Accounts;
import dev.consentflow.accounts.Caller;
import dev.consentflow.accounts.KeyCreated;
import dev.consentflow.accounts.Role;
import dev.consentflow.web.ConflictException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates accounts and keys, and authenticates keys. */
@Service
class AccountManagement implements Accounts {

    static final String DEFAULT_ACCOUNT = "default";

    private final AccountRepository accounts;
    private final ApiKeyRepository keys;
    private final JdbcAggregateTemplate jdbc;
    private final ApplicationEventPublisher events;

    AccountManagement(AccountRepository accounts, ApiKeyRepository keys, JdbcAggregateTemplate jdbc,
                      ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.keys = keys;
        this.jdbc = jdbc;
        this.events = events;
    }

    record NewAccount(Account account, String adminKey) {
    }

    record NewKey(ApiKey key, String secret) {
    }

    @Transactional
    NewAccount createAccount(String name, String actor) {
        if (accounts.findByName(name).isPresent()) {
            throw new ConflictException("An account with this name exists already");
        }
        Account account = jdbc.insert(new Account(UUID.randomUUID(), name, Instant.now()));
        NewKey admin = createKey(new AccountId(account.id()), "admin", Role.ADMIN, null, actor);
        return new NewAccount(account, admin.secret());
    }

    /** Creates a key; with a {@code secret} given (bootstrap), that secret becomes the key. */
    @Transactional
    NewKey createKey(AccountId account, String name, Role role, String secret, String actor) {
        String key = secret == null || secret.isBlank() ? ApiKeyHash.newKey() : secret;
        ApiKey saved = jdbc.insert(new ApiKey(UUID.randomUUID(), account == null ? null : account.value(), name,
                role, ApiKeyHash.of(key), Instant.now(), null));
        events.publishEvent(new KeyCreated(saved.id(), account, role, actor));
        return new NewKey(saved, key);
    }

    Optional<Caller> authenticate(String key) {
        return keys.findActiveByHash(ApiKeyHash.of(key))
                .map(k -> new Caller(k.id(), k.accountId() == null ? null : new AccountId(k.accountId()), k.role()));
    }

    Optional<Account> account(AccountId id) {
        return accounts.findById(id.value());
    }

    @Override
    public AccountId defaultAccount() {
        return accounts.findByName(DEFAULT_ACCOUNT).map(a -> new AccountId(a.id()))
                .orElseThrow(() -> new IllegalStateException("the default account is created at start-up"));
    }

    @Override
    public Optional<String> keyName(AccountId account, UUID keyId) {
        return keys.findById(keyId).filter(k -> account.value().equals(k.accountId())).map(ApiKey::name);
    }

    @Override
    public Optional<String> nameOf(AccountId account) {
        return accounts.findById(account.value()).map(Account::name);
    }
}
