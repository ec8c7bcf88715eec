package dev.consentflow.accounts.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security observes nothing: with an observation registry (actuator's), it wrapped every filter of every
 * request in an observation of its own and timed every authorization, about 3 % of a signup's CPU in a JFR profile
 * of SignupConfirmCostBench, for metrics nobody reads. The requests' own timings ({@code http.server.requests})
 * stay.
 */
@Configuration(proxyBeanMethods = false)
class SecurityObservations {

    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
