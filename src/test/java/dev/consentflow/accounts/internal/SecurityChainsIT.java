package dev.consentflow.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.config.annotation.web.configuration.WebSecurityConfiguration;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.servletapi.SecurityContextHolderAwareRequestFilter;
import org.springframework.test.util.ReflectionTestUtils;

/** The filter in front of the security chains: the chains alone, no handler look-up of Spring MVC's before them. */
@IntegrationTest
class SecurityChainsIT {

    @LocalServerPort
    int port;
    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void theChainsAreNotWrappedInAHandlerLookupAndStillGuardWhatTheyGuard() {
        BeanDefinition filter = context.getBeanFactory().getBeanDefinition("springSecurityFilterChain");
        List<String> wrapped = new ArrayList<>();
        filter.getConstructorArgumentValues().getIndexedArgumentValues().values().forEach(value -> {
            if (value.getValue() instanceof List<?> filters) {
                filters.forEach(f -> wrapped.add(f instanceof BeanDefinition d ? d.getBeanClassName() : f.toString()));
            }
        });
        assertThat(wrapped).as("what the security filter wraps").isNotEmpty()
                .noneMatch(name -> name != null && name.contains("HandlerMappingIntrospector"));

        Api anonymous = Api.at(port);
        Api.Answer api = anonymous.get("/api/lists");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(anonymous.get("/engine-rest/deployment").status()).isEqualTo(401);
        Api.Answer page = anonymous.get("/c/" + "x".repeat(43));
        assertThat(page.status()).isEqualTo(410);
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(anonymous.get("/app/lists").status()).as("the console's chain signs in first").isEqualTo(302);
    }

    @Test
    void thePublicChainAuthenticatesNobodyAndStillWritesItsHeaders() {
        FilterChainProxy chains = context.getBean(FilterChainProxy.class);
        MockHttpServletRequest post = new MockHttpServletRequest("POST", "/f/news-signup");
        post.setServletPath("/f/news-signup");
        SecurityFilterChain publicChain = chains.getFilterChains().stream().filter(chain -> chain.matches(post))
                .findFirst().orElseThrow();
        assertThat(publicChain.getFilters()).as("the chain of the public pages")
                .noneMatch(AnonymousAuthenticationFilter.class::isInstance)
                .noneMatch(SecurityContextHolderAwareRequestFilter.class::isInstance)
                .anyMatch(HeaderWriterFilter.class::isInstance);

        Api.Answer form = Api.at(port).postRaw("/f/no-such-form", "application/json", "{}");
        assertThat(form.status()).isEqualTo(404);
        assertThat(form.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(form.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    /**
     * The chains' firewall is the web module's, which lets through, unchecked a second time, what the path firewall
     * in front of everything checked; what either refuses is still a bad request.
     */
    @Test
    void theChainsFirewallIsTheOneInFrontAndTheSameSpellingsAreRefused() {
        // The chains' own FilterChainProxy is built by WebSecurity (the bean of that name wraps it).
        Object webSecurity = ReflectionTestUtils.getField(context.getBean(WebSecurityConfiguration.class),
                "webSecurity");
        assertThat(ReflectionTestUtils.getField(webSecurity, "httpFirewall"))
                .isSameAs(context.getBean(HttpFirewall.class));

        Api anonymous = Api.at(port);
        for (String path : List.of("/f//news-signup", "/f/news%2Fsignup", "/f/a/%2e%2e/b", "/f/x;y=1",
                "/api/lists/%2e%2e/keys", "/engine-rest;x=1/deployment")) {
            Api.Answer refused = anonymous.postRaw(path, "application/json", "{}");
            assertThat(refused.status()).as(path).isEqualTo(400);
            assertThat(refused.header("Content-Type")).as(path).startsWith("application/problem+json");
        }
    }
}
