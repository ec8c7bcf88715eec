package dev.consentflow.engine.internal;

import java.util.List;
import org.operaton.bpm.engine.impl.cfg.CompositeProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.operaton.bpm.spring.boot.starter.util.OperatonSpringBootUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine's configuration object, made as the Operaton starter makes it (which steps back when one exists),
 * but of the class that takes the mappings read early ({@link EarlyMappingsEngineConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class EarlyMappingsEngineSetup {

    @Bean
    ProcessEngineConfigurationImpl processEngineConfigurationImpl(List<ProcessEnginePlugin> plugins) {
        EarlyMappingsEngineConfiguration configuration = new EarlyMappingsEngineConfiguration();
        OperatonSpringBootUtil.initCustomFields(configuration);
        configuration.getProcessEnginePlugins().add(new CompositeProcessEnginePlugin(plugins));
        return configuration;
    }
}
