package dev.consentflow.engine.internal;

import org.operaton.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.ObjectProvider;
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

    /**
     * After Spring Security, which knows the key; the engine then serves the key's account only. The filter takes
     * the engine on its first request: Spring Boot makes every filter while it sets Tomcat up, so a filter that
     * needed the engine made the engine (and the database it waits for) a part of Tomcat's set-up.
     */
    @Bean
    FilterRegistrationBean<EngineRestTenancyFilter> engineRestTenancyFilter(ObjectProvider<ProcessEngine> engine) {
        var registration = new FilterRegistrationBean<>(new EngineRestTenancyFilter(engine));
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 20);
        return registration;
    }

    /**
     * Inside Jersey, after it matched the request: another account's ids are unknown ids ({@code 404}), keys use
     * the allow-listed resources only, deployments are checked on the resource that creates them, and what Jersey
     * or the engine refuse as bad input is {@code 4xx} problem JSON. A deployment is read into memory to be
     * checked, so deployments have a limit of their own, far below the multipart limit that imports need.
     */
    @Bean
    ResourceConfigCustomizer engineRestRules(
            @Value("${consentflow.engine.max-deployment-bytes:50MB}") DataSize maxDeployment) {
        return config -> config.register(ForeignTenantExceptionMapper.class)
                .register(EngineRestProblems.class)
                .register(EngineRestProblems.DeploymentRefused.class)
                .register(EngineRestProblems.CallersMistake.class)
                .register(EngineRestProblems.RequestsMistake.class)
                .register(EngineRestProblems.UnreadableJson.class)
                .register(EngineRestProblems.MisshapenJson.class)
                .register(EngineRestAllowListFilter.class)
                .register(new DeploymentBodyCheck(maxDeployment.toBytes()));
    }
}
