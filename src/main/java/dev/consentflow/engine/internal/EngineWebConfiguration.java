package dev.consentflow.engine.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/** Filters in front of the engine's REST API. */
@Configuration(proxyBeanMethods = false)
class EngineWebConfiguration {

    /**
     * The deployment filter reads a deployment into memory to look for DOCTYPEs, so deployments have a limit of
     * their own, far below the multipart limit that imports need.
     */
    @Bean
    FilterRegistrationBean<DeploymentDoctypeFilter> deploymentDoctypeFilter(
            @Value("${consentflow.engine.max-deployment-bytes:50MB}") DataSize maxDeployment) {
        var registration = new FilterRegistrationBean<>(new DeploymentDoctypeFilter(maxDeployment.toBytes()));
        registration.addUrlPatterns("/engine-rest/deployment/create");
        // After Spring Security, so an anonymous caller gets 401 before the body is read.
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }
}
