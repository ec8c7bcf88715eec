package dev.consentflow.accounts.internal;

import dev.consentflow.accounts.Role;
import dev.consentflow.web.Problems;
import java.util.ArrayList;
import java.util.List;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Bearer API keys guard {@code /api/**} and {@code /engine-rest/**} (the engine's REST API accepts anonymous
 * deployments out of the box). Public pages (forms, confirmation and unsubscribe links, tracking) and the
 * engine's web apps, which log in on their own, are open. Every refusal is problem JSON.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity(prePostEnabled = false)
class SecurityConfiguration {

    private static final String ADMIN = Role.ADMIN.name();
    private static final String MARKETER = Role.MARKETER.name();
    private static final String COMPLIANCE = Role.COMPLIANCE.name();
    private static final String SECURITY_FILTER = "springSecurityFilterChain";
    private static final String INTROSPECTOR_CACHE_FILTER = "$HandlerMappingIntrospectorCacheFilterFactoryBean";

    /** {@code @PreAuthorize} only: the code uses no other method-security annotation ({@link PreAuthorizeAdvisor}). */
    @Bean
    @org.springframework.context.annotation.Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static PreAuthorizeAdvisor preAuthorizeAdvisor(ApplicationContext context,
            ObjectProvider<ObjectPostProcessor<AuthorizationManager<MethodInvocation>>> postProcessors) {
        return new PreAuthorizeAdvisor(context, postProcessors);
    }

    /**
     * With Spring MVC present, Spring Security wraps its filter chains in a filter that looks up, for every request,
     * the MVC handler that would serve it, and keeps the answer for {@code MvcRequestMatcher} and the CORS
     * configuration to read ({@code HandlerMappingIntrospector}'s cache filter). Nothing here reads it: every rule of
     * every chain matches by {@link PathPatternRequestMatcher} (this class, the console's), and no chain has CORS. So
     * the wrapper is dropped and each request's handler is looked up once, by the dispatcher; the chains and their
     * rules stay as they are. It was 2.6 % of a confirmation click's request thread (JFR, SignupConfirmCostBench).
     */
    @Bean
    @org.springframework.context.annotation.Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static BeanFactoryPostProcessor noHandlerLookupBeforeTheChains() {
        return factory -> {
            if (!factory.containsBeanDefinition(SECURITY_FILTER)) {
                return;
            }
            var arguments = factory.getBeanDefinition(SECURITY_FILTER).getConstructorArgumentValues();
            List<ValueHolder> values = new ArrayList<>(arguments.getGenericArgumentValues());
            values.addAll(arguments.getIndexedArgumentValues().values());
            for (ValueHolder value : values) {
                if (value.getValue() instanceof List<?> filters) {
                    filters.removeIf(filter -> filter instanceof BeanDefinition definition
                            && definition.getBeanClassName() != null
                            && definition.getBeanClassName().endsWith(INTROSPECTOR_CACHE_FILTER));
                }
            }
        };
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, AccountRegistry accounts) throws Exception {
        http.securityMatcher(new OrRequestMatcher(path("/api/**"), path("/engine-rest/**")))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(new ApiKeyAuthenticationFilter(accounts), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        // Which engine resources a key may use at all is decided after Jersey matched the request,
                        // whatever the path's spelling: the engine module's allow-list. Here only the roles.
                        .requestMatchers(path(HttpMethod.GET, "/engine-rest/**")).hasAnyRole(ADMIN, MARKETER, COMPLIANCE)
                        .requestMatchers(path("/engine-rest/**")).hasAnyRole(ADMIN, MARKETER)
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                            Problems.write(response, HttpStatus.UNAUTHORIZED,
                                    "An API key is required (Authorization: Bearer <key>)");
                        })
                        .accessDeniedHandler((request, response, e) ->
                                Problems.write(response, HttpStatus.FORBIDDEN, "This key's role may not do this")));
        return http.build();
    }

    /**
     * Everything else: pages for anyone, no sign-in. Nobody here is authenticated, so the chain does not make every
     * request an anonymous authentication (nothing reads one: {@code Caller.current()} is empty either way) nor wrap
     * it in Spring Security's servlet API view of that authentication (no public page asks the request for its
     * user); both ran on every form post. The firewall, the headers and the authorization rule stay.
     */
    @Bean
    @Order(2)
    SecurityFilterChain publicPages(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .anonymous(anonymous -> anonymous.disable())
                .servletApi(servletApi -> servletApi.disable())
                .headers(headers -> headers
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frame -> frame.sameOrigin()))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }

    /** Matches by path alone: {@code /engine-rest} is served by the engine's Jersey servlet, not by Spring MVC. */
    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private static RequestMatcher path(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }

    /** Keeps Spring Boot from creating a default user with a generated password: keys are the only login. */
    @Bean
    UserDetailsService noUsers() {
        return new InMemoryUserDetailsManager();
    }
}
