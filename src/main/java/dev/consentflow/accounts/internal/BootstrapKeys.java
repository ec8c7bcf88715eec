package dev.consentflow.accounts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Role;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On first start: the {@code default} account, its ADMIN key and a platform OPERATOR key, from the bootstrap
 * variables or generated and printed once. A key that exists is never replaced. Runs under an advisory lock so
 * two nodes starting together create each thing once. Runs when the bean is created, so the default account
 * exists before anything (form registration, the engine's deployments) needs it.
 */
@Component
class BootstrapKeys {

    private static final Logger log = LoggerFactory.getLogger(BootstrapKeys.class);
    private static final long LOCK = 0x436f6e73656e74L;

    BootstrapKeys(AccountManagement management, AccountRepository accounts, ApiKeyRepository keys,
                  JdbcAggregateTemplate aggregates, JdbcClient jdbc, TransactionTemplate transactions,
                  @Value("${consentflow.bootstrap.admin-key}") String adminKey,
                  @Value("${consentflow.bootstrap.operator-key}") String operatorKey) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query().singleRow();
            AccountId account = accounts.findByName(AccountManagement.DEFAULT_ACCOUNT)
                    .map(a -> new AccountId(a.id()))
                    .orElseGet(() -> new AccountId(aggregates.insert(new Account(UUID.randomUUID(),
                            AccountManagement.DEFAULT_ACCOUNT, Instant.now())).id()));
            if (!keys.existsByName("bootstrap-admin")) {
                var created = management.createKey(account, "bootstrap-admin", Role.ADMIN, adminKey, "system:bootstrap");
                announce("ADMIN key of the default account", created.secret(), adminKey);
            }
            if (!keys.existsByName("bootstrap-operator")) {
                var created = management.createKey(null, "bootstrap-operator", Role.OPERATOR, operatorKey,
                        "system:bootstrap");
                announce("platform OPERATOR key", created.secret(), operatorKey);
            }
        });
    }

    private static void announce(String what, String secret, String configured) {
        if (configured == null || configured.isBlank()) {
            log.warn("Generated the {}: {} (shown once, stored only as a hash)", what, secret);
        } else {
            log.info("Created the {} from the bootstrap variable", what);
        }
    }
}
