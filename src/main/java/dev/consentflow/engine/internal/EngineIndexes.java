package dev.consentflow.engine.internal;

import java.util.function.BooleanSupplier;
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
 * one that fails leaves the others made. The same for the triggers that tell every node of a changed process or
 * job definition ({@link DefinitionChanges}): without them, every start looks its process up.
 */
@Component
class EngineIndexes extends AbstractProcessEnginePlugin {

    static final String SUBSCRIBER_VARIABLE_INDEX = "consentflow_act_ru_variable_subscriber";
    static final String EVENT_SUBSCRIPTION_INDEX = "consentflow_act_ru_event_subscr_name_tenant";
    static final String EVENT_SUBSCRIPTION_INSTANCE_INDEX = "consentflow_act_ru_event_subscr_procinst";
    private static final String LOCK_TIMEOUT = "10s";
    private static final Logger log = LoggerFactory.getLogger(EngineIndexes.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    EngineIndexes(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        make("the index " + SUBSCRIBER_VARIABLE_INDEX + " on the engine's variables",
                () -> indexExists(SUBSCRIBER_VARIABLE_INDEX), EngineSql.CREATE_SUBSCRIBER_VARIABLE_INDEX);
        make("the index " + EVENT_SUBSCRIPTION_INDEX + " on the engine's event subscriptions",
                () -> indexExists(EVENT_SUBSCRIPTION_INDEX), EngineSql.CREATE_EVENT_SUBSCRIPTION_INDEX);
        make("the index " + EVENT_SUBSCRIPTION_INSTANCE_INDEX + " on the engine's event subscriptions",
                () -> indexExists(EVENT_SUBSCRIPTION_INSTANCE_INDEX),
                EngineSql.CREATE_EVENT_SUBSCRIPTION_INSTANCE_INDEX);
        make("the trigger " + DefinitionChanges.TRIGGER + " on the engine's process definitions",
                () -> triggerExists(DefinitionChanges.TRIGGER, "act_re_procdef"),
                EngineSql.CREATE_DEFINITIONS_NOTICE, EngineSql.CREATE_DEFINITIONS_TRIGGER);
        make("the trigger " + DefinitionChanges.JOB_TRIGGER + " on the engine's job definitions",
                () -> triggerExists(DefinitionChanges.JOB_TRIGGER, "act_ru_jobdef"),
                EngineSql.CREATE_DEFINITIONS_NOTICE, EngineSql.CREATE_JOB_DEFINITIONS_TRIGGER);
    }

    private void make(String what, BooleanSupplier exists, String... statements) {
        if (exists.getAsBoolean()) {
            return;
        }
        try {
            transactions.executeWithoutResult(status -> {
                jdbc.sql("select pg_advisory_xact_lock(hashtext('consentflow.engine-indexes'))").query().singleValue();
                if (!exists.getAsBoolean()) {
                    jdbc.sql("set local lock_timeout = '" + LOCK_TIMEOUT + "'").update();
                    for (String statement : statements) {
                        jdbc.sql(statement).update();
                    }
                    log.info("Made {}", what);
                }
            });
        } catch (DataAccessException e) {
            log.warn("Could not make {} (the next start tries again): {}", what, e.getMessage());
        }
    }

    private boolean indexExists(String name) {
        return jdbc.sql("select to_regclass(:name) is not null").param("name", name)
                .query(Boolean.class).single();
    }

    private boolean triggerExists(String name, String table) {
        return jdbc.sql("select exists (select 1 from pg_trigger where tgname = :name"
                        + " and tgrelid = to_regclass(:table))")
                .param("name", name).param("table", table).query(Boolean.class).single();
    }
}
