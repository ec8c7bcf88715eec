package dev.consentflow.engine.internal;

import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Filters in front of the engine's REST API. */
@Configuration(proxyBeanMethods = false)
class EngineWebConfiguration {

    @Bean
    FilterRegistrationBean<DeploymentDoctypeFilter> deploymentDoctypeFilter(MultipartProperties multipart) {
        var registration = new FilterRegistrationBean<>(
                new DeploymentDoctypeFilter(multipart.getMaxRequestSize().toBytes()));
        registration.addUrlPatterns("/engine-rest/deployment/create");
        // After Spring Security, so an anonymous caller gets 401 before the body is read.
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }
}
