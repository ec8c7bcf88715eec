package dev.consentflow.engine.internal;

import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the answer to a refused deployment with the engine's REST API. */
@Configuration(proxyBeanMethods = false)
class FlowRefusalAnswers {

    @Bean
    ResourceConfigCustomizer flowRefusedAnswer() {
        return config -> config.register(FlowRefusedMapper.class);
    }
}
