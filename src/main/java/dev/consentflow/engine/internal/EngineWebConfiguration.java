package dev.consentflow.engine.internal;

import org.operaton.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/** Filters in front of the engine's REST API. */
@Configuration(proxyBeanMethods = false)
class EngineWebConfiguration {

    /** After Spring Security, which knows the key; the engine then serves the key's account only. */
    @Bean
    FilterRegistrationBean<EngineRestTenancyFilter> engineRestTenancyFilter(ProcessEngine engine) {
        var registration = new FilterRegistrationBean<>(new EngineRestTenancyFilter(engine));
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 20);
        return registration;
    }

    /** Another account's ids are unknown ids: 404. */
    @Bean
    ResourceConfigCustomizer foreignTenantAnswers() {
        return config -> config.register(ForeignTenantExceptionMapper.class);
    }

    /**
     * The deployment filter reads a deployment into memory to look for DOCTYPEs and its tenant, so deployments
     * have a limit of their own, far below the multipart limit that imports need.
     */
    @Bean
    FilterRegistrationBean<DeploymentFilter> deploymentFilter(
            @Value("${consentflow.engine.max-deployment-bytes:50MB}") DataSize maxDeployment) {
        var registration = new FilterRegistrationBean<>(new DeploymentFilter(maxDeployment.toBytes()));
        // Every path: a named engine deploys at /engine-rest/engine/{name}/deployment/create too.
        registration.addUrlPatterns("/engine-rest/*");
        // After Spring Security, so an anonymous caller gets 401 before the body is read.
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }
}
