package dev.consentflow.engine.internal;

import java.util.List;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Indexes of ours on the engine's tables, made once the engine has made or updated its schema (Flyway runs before
 * it, so a migration cannot). A start that finds the index does nothing and takes no lock. Otherwise one node makes
 * it: nodes starting at once wait for each other on an advisory lock, and the one after the maker finds it made.
 * The build blocks writes to the table while it runs (short: only the rows it indexes are written), and waits at
 * most {@value #LOCK_TIMEOUT} for transactions that use the table; if that fails the server starts without the
 * index, slower at what it serves only, and the next start tries again. Each index in a transaction of its own, so
 * one that fails leaves the others made.
 */
@Component
class EngineIndexes extends AbstractProcessEnginePlugin {

    static final String SUBSCRIBER_VARIABLE_INDEX = "consentflow_act_ru_variable_subscriber";
    static final String EVENT_SUBSCRIPTION_INDEX = "consentflow_act_ru_event_subscr_name_tenant";
    private static final String LOCK_TIMEOUT = "10s";
    private static final Logger log = LoggerFactory.getLogger(EngineIndexes.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    EngineIndexes(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** One index of ours: its name, the statement that makes it, and what it indexes, for the log. */
    private record Index(String name, String create, String on) {
    }

    private static final List<Index> INDEXES = List.of(
            new Index(SUBSCRIBER_VARIABLE_INDEX, EngineSql.CREATE_SUBSCRIBER_VARIABLE_INDEX, "the engine's variables"),
            new Index(EVENT_SUBSCRIPTION_INDEX, EngineSql.CREATE_EVENT_SUBSCRIPTION_INDEX,
                    "the engine's event subscriptions"));

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        INDEXES.stream().filter(index -> !exists(index)).forEach(this::make);
    }

    private void make(Index index) {
        try {
            transactions.executeWithoutResult(status -> {
                jdbc.sql("select pg_advisory_xact_lock(hashtext('consentflow.engine-indexes'))").query().singleValue();
                if (!exists(index)) {
                    jdbc.sql("set local lock_timeout = '" + LOCK_TIMEOUT + "'").update();
                    jdbc.sql(index.create()).update();
                    log.info("Made the index {} on {}", index.name(), index.on());
                }
            });
        } catch (DataAccessException e) {
            log.warn("Could not make the index {} on {} (the next start tries again): {}", index.name(), index.on(),
                    e.getMessage());
        }
    }

    private boolean exists(Index index) {
        return jdbc.sql("select to_regclass(:name) is not null").param("name", index.name())
                .query(Boolean.class).single();
    }
}
