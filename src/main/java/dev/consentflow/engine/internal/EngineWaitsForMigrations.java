package dev.consentflow.engine.internal;

import java.util.Set;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.spring.ProcessEngineFactoryBean;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * Orders the engine after Flyway: the engine deploys processes and starts its job executor, whose delegates
 * use the application tables, so those tables must exist first. Registered in {@code META-INF/spring.factories}.
 */
public class EngineWaitsForMigrations extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

    @Override
    protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
        return Set.of(ProcessEngineConfigurationImpl.class, ProcessEngineFactoryBean.class, ProcessEngine.class);
    }
}
