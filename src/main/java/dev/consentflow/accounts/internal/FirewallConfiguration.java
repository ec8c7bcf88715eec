package dev.consentflow.accounts.internal;

import dev.consentflow.web.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Paths that are not in their one normal spelling never reach a servlet: Spring Security's strict firewall refuses
 * encoded slashes and periods, path parameters ({@code ;}), dot segments, backslashes and control characters. A
 * refused path is bad input: {@code 400} problem JSON, not the {@code 500} of an unhandled exception.
 */
@Configuration(proxyBeanMethods = false)
class FirewallConfiguration {

    @Bean
    RequestRejectedHandler problemForRejectedRequests() {
        return (request, response, e) -> Problems.write(response, HttpStatus.BAD_REQUEST, "The request's URL is not "
                + "valid (encoded slashes or periods, path parameters, dot segments, backslashes and control "
                + "characters are refused)");
    }
}
