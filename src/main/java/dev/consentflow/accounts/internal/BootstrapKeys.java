package dev.consentflow.accounts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Role;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On first start: the {@code default} account, its ADMIN key and a platform OPERATOR key. The account and the
 * keys given in the bootstrap variables are created when the bean is created, so the default account exists
 * before anything (form registration, the engine's deployments) needs it and a given key works as soon as the
 * server answers. A key that is generated instead is created and printed only once the server has started
 * ({@link ApplicationReadyEvent}): a start that fails on its way does not use it up unseen. A key that exists is
 * never replaced (a revoked one never comes back). Runs under an advisory lock so two nodes starting together
 * create each thing once.
 */
@Component
class BootstrapKeys {

    private static final Logger log = LoggerFactory.getLogger(BootstrapKeys.class);
    private static final long LOCK = 0x436f6e73656e74L;

    private final AccountRegistry management;
    private final AccountRepository accounts;
    private final ApiKeyRepository keys;
    private final JdbcAggregateTemplate aggregates;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final String adminKey;
    private final String operatorKey;

    BootstrapKeys(AccountRegistry management, AccountRepository accounts, ApiKeyRepository keys,
                  JdbcAggregateTemplate aggregates, JdbcClient jdbc, TransactionTemplate transactions,
                  @Value("${consentflow.bootstrap.admin-key}") String adminKey,
                  @Value("${consentflow.bootstrap.operator-key}") String operatorKey) {
        this.management = management;
        this.accounts = accounts;
        this.keys = keys;
        this.aggregates = aggregates;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.adminKey = adminKey;
        this.operatorKey = operatorKey;
        create(false);
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        create(true);
    }

    /** The default account, and the keys that are configured, or else generated ({@code generated}). */
    private void create(boolean generated) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query().singleRow();
            AccountId account = accounts.findByName(AccountRegistry.DEFAULT_ACCOUNT)
                    .map(a -> new AccountId(a.id()))
                    .orElseGet(() -> new AccountId(aggregates.insert(new Account(UUID.randomUUID(),
                            AccountRegistry.DEFAULT_ACCOUNT, Instant.now())).id()));
            createKey("bootstrap-admin", account, Role.ADMIN, adminKey, generated, "ADMIN key of the default account");
            createKey("bootstrap-operator", null, Role.OPERATOR, operatorKey, generated, "platform OPERATOR key");
        });
    }

    private void createKey(String name, AccountId account, Role role, String configured, boolean generated,
                           String what) {
        boolean isConfigured = configured != null && !configured.isBlank();
        if (isConfigured == generated || keys.existsByName(name)) {
            return;
        }
        var created = management.createKey(account, name, role, configured, "system:bootstrap");
        if (generated) {
            log.warn("Generated the {}: {} (shown once, stored only as a hash)", what, created.secret());
        } else {
            log.info("Created the {} from the bootstrap variable", what);
        }
    }
}
