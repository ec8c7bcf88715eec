package dev.consentflow.engine.internal;

import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.defaults.DefaultSqlSessionFactory;
import org.operaton.bpm.engine.spring.SpringProcessEngineConfiguration;

/**
 * The starter's engine configuration, except that it takes the MyBatis mappings {@link EngineMappings} read
 * early, when they were read for this engine's tables; what the engine adds to them after reading (environment,
 * statement time-out, batch execution) it adds here the same way.
 */
class EarlyMappingsEngineConfiguration extends SpringProcessEngineConfiguration {

    private boolean mappingsReadEarly;

    @Override
    protected void initSqlSessionFactory() {
        if (sqlSessionFactory == null && !isUseSharedSqlSessionFactory) {
            Configuration mappings = EngineMappings.take(databaseTablePrefix, databaseType);
            if (mappings != null) {
                mappings.setEnvironment(new Environment("default", transactionFactory, dataSource));
                mappings.setDefaultStatementTimeout(jdbcStatementTimeout);
                if (isJdbcBatchProcessing()) {
                    mappings.setDefaultExecutorType(ExecutorType.BATCH);
                }
                sqlSessionFactory = new DefaultSqlSessionFactory(mappings);
                mappingsReadEarly = true;
            }
        }
        super.initSqlSessionFactory();
    }

    /** Whether this engine took the mappings read early, rather than reading them itself. */
    boolean mappingsReadEarly() {
        return mappingsReadEarly;
    }
}
