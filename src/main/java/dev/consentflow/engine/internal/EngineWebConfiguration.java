package dev.consentflow.engine.internal;

import org.operaton.bpm.engine.ProcessEngine;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

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

    @Bean
    FilterRegistrationBean<DeploymentFilter> deploymentFilter(MultipartProperties multipart) {
        var registration = new FilterRegistrationBean<>(
                new DeploymentFilter(multipart.getMaxRequestSize().toBytes()));
        // Every path: a named engine deploys at /engine-rest/engine/{name}/deployment/create too.
        registration.addUrlPatterns("/engine-rest/*");
        // After Spring Security, so an anonymous caller gets 401 before the body is read.
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }
}
