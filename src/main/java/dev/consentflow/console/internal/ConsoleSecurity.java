package dev.consentflow.console.internal;

import dev.consentflow.accounts.Caller;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.web.ClientAddress;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The console's own filter chain, {@code /app/**}: form sign-in with a session (cookie HttpOnly, SameSite=Lax,
 * Secure behind https; 30 minutes idle, see application.yml), CSRF tokens on every form, sign-out by POST.
 * Bearer keys play no part here, and the console's session plays none in {@code /api}.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    static final String LANGUAGE = "console.language";

    @Bean
    PasswordEncoder consolePasswordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    @Order(0)
    SecurityFilterChain consoleFilterChain(HttpSecurity http, ConsoleUserRepository users, PasswordEncoder passwords,
                                        LoginThrottle throttle, ConsoleAudit audit, ClientAddress clients)
            throws Exception {
        AccessDeniedHandlerImpl denied = new AccessDeniedHandlerImpl();
        denied.setErrorPage("/app/denied");
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/app/**"))
                .authenticationProvider(new ConsoleSignIn(users, passwords, throttle, audit))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .httpBasic(basic -> basic.disable())
                .addFilterAfter(new ActiveUserFilter(users), SecurityContextHolderFilter.class)
                .formLogin(form -> form.loginPage("/app/login")
                        .authenticationDetailsSource(request -> new ConsoleSignIn.SignInDetails(clients.of(request)))
                        .successHandler((request, response, authentication) -> {
                            if (authentication.getPrincipal() instanceof Caller caller) {
                                users.findById(caller.keyId()).map(ConsoleUser::language).ifPresent(language ->
                                        request.getSession().setAttribute(LANGUAGE, language));
                            }
                            response.sendRedirect(request.getContextPath() + "/app");
                        })
                        .failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath()
                                + (e instanceof LockedException ? "/app/login?throttled" : "/app/login?error")))
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/app/logout")
                        .addLogoutHandler((request, response, authentication) -> {
                            if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
                                audit.append(caller.requireAccount(), AuditAction.SIGNED_OUT, caller.actor());
                            }
                        })
                        .logoutSuccessUrl("/app/login?signedOut"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
                                + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .exceptionHandling(errors -> errors.accessDeniedHandler(denied))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher("/app/assets/**"),
                                PathPatternRequestMatcher.withDefaults().matcher("/app/invite/**"),
                                PathPatternRequestMatcher.withDefaults().matcher("/app/denied"),
                                // formLogin's own permitAll matches the login page without a query string only
                                PathPatternRequestMatcher.withDefaults().matcher("/app/login")).permitAll()
                        .anyRequest().authenticated());
        return http.build();
    }
}
