package dev.consentflow.accounts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.AccountNameTaken;
import dev.consentflow.accounts.Accounts;
import dev.consentflow.accounts.ApiKeys;
import dev.consentflow.accounts.Caller;
import dev.consentflow.accounts.KeyCreated;
import dev.consentflow.accounts.KeyRevoked;
import dev.consentflow.accounts.LastAdminKey;
import dev.consentflow.accounts.Role;
import dev.consentflow.web.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates accounts and keys, authenticates, lists and revokes keys. */
@Service
class AccountRegistry implements Accounts, ApiKeys {

    static final String DEFAULT_ACCOUNT = "default";

    private final AccountRepository accounts;
    private final ApiKeyRepository keys;
    private final JdbcAggregateTemplate jdbc;
    private final ApplicationEventPublisher events;

    AccountRegistry(AccountRepository accounts, ApiKeyRepository keys, JdbcAggregateTemplate jdbc,
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
            throw new AccountNameTaken();
        }
        Account account = jdbc.insert(new Account(UUID.randomUUID(), name, Instant.now()));
        NewKey admin = createKey(new AccountId(account.id()), "admin", Role.ADMIN, null, actor);
        return new NewAccount(account, admin.secret());
    }

    /** Creates a key; with a {@code secret} given (bootstrap), that secret becomes the key. */
    @Transactional
    NewKey createKey(AccountId account, String name, Role role, String secret, String actor) {
        String key = secret == null || secret.isBlank() ? ApiKeyHash.newKey() : secret;
        ApiKey saved = jdbc.insert(ApiKey.create(account == null ? null : account.value(), name, role,
                ApiKeyHash.of(key)));
        events.publishEvent(new KeyCreated(saved.id(), account, role, actor));
        return new NewKey(saved, key);
    }

    /**
     * The caller a key stands for, read from the database on every request (no cache), so a revoked key answers
     * {@code 401} at once on every node. Its last use is written at most once a minute.
     */
    Optional<Caller> authenticate(String key) {
        Optional<ApiKey> found = keys.findActiveByHash(ApiKeyHash.of(key));
        found.filter(k -> k.lastUseIsStale(Instant.now())).ifPresent(k -> keys.recordUse(k.id()));
        return found.map(k -> new Caller(k.id(), k.accountId() == null ? null : new AccountId(k.accountId()),
                k.role()));
    }

    /** The account's keys that are not revoked, oldest first. */
    List<ApiKey> keysOf(AccountId account) {
        return keys.findActiveByAccount(account.value());
    }

    /**
     * Revokes a key of the account (any key, the caller's own included), except the account's last ADMIN key,
     * which would lock the account out: {@code 409}. Another account's key, or a revoked one, is not found.
     */
    @Transactional
    void revokeKey(AccountId account, UUID keyId, String actor) {
        ApiKey key = keys.findActive(keyId, account.value()).orElseThrow(() -> new NotFoundException("Key"));
        if (key.role() == Role.ADMIN) {
            List<UUID> admins = keys.lockActiveAdmins(account.value());
            if (!admins.contains(keyId)) {
                throw new NotFoundException("Key");
            }
            if (admins.size() == 1) {
                throw new LastAdminKey();
            }
        }
        if (keys.revoke(keyId) == 0) {
            throw new NotFoundException("Key");
        }
        events.publishEvent(new KeyRevoked(keyId, account, key.role(), actor));
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
    public List<KeyInfo> list(AccountId account) {
        return keysOf(account).stream()
                .map(k -> new KeyInfo(k.id(), k.name(), k.role(), k.createdAt(), k.lastUsedAt())).toList();
    }

    @Override
    @Transactional
    public ApiKeys.NewKey create(Caller admin, String name, Role role) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new dev.consentflow.web.InvalidInputException("name", "is required, at most 200 characters");
        }
        if (role == null || role == Role.OPERATOR) {
            throw new dev.consentflow.web.InvalidInputException("role", "must be ADMIN, MARKETER or COMPLIANCE");
        }
        NewKey created = createKey(admin.requireAccount(), name.strip(), role, null, admin.actor());
        return new ApiKeys.NewKey(created.key().id(), created.key().name(), role, created.secret());
    }

    @Override
    @Transactional
    public void revoke(Caller admin, UUID keyId) {
        revokeKey(admin.requireAccount(), keyId, admin.actor());
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
