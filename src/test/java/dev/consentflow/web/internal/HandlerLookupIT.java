package dev.consentflow.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.IntegrationTest;
import dev.consentflow.web.internal.HandlerLookup.FirstSegmentMapping;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.EmbeddedValueResolver;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The server's handler lookup skips mappings by the request's first path segment ({@link HandlerLookup}); here it
 * is compared with Spring's own lookup over the same controllers (a plain {@link RequestMappingHandlerMapping},
 * configured alike): for a path made from every mapping's every pattern, and paths no mapping has, with every method
 * and the content types the API takes, both find the same handler, or refuse with the same exception.
 */
@IntegrationTest
class HandlerLookupIT {

    /** A browser's CORS preflight: OPTIONS with an origin and the method it asks for. */
    private static final String PREFLIGHT = "PREFLIGHT";
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            PREFLIGHT);
    private static final List<String> TYPES = List.of("application/json", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "text/csv");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping server;

    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void findsWhatSpringsOwnLookupFinds() throws Exception {
        assertThat(server).isInstanceOf(FirstSegmentMapping.class);
        RequestMappingHandlerMapping plain = new RequestMappingHandlerMapping();
        plain.setPatternParser(server.getPatternParser());
        plain.setContentNegotiationManager(server.getContentNegotiationManager());
        plain.setEmbeddedValueResolver(new EmbeddedValueResolver(context.getBeanFactory()));
        plain.setApplicationContext(context);
        plain.afterPropertiesSet();
        assertThat(plain.getHandlerMethods().keySet()).hasSameSizeAs(server.getHandlerMethods().keySet());

        Set<String> paths = new LinkedHashSet<>(List.of("/", "/nowhere", "/f", "/c", "/api", "/console/",
                "/F/x", "/api%2Flists", "/f/x/y/z", "/x/api/lists"));
        for (RequestMappingInfo info : server.getHandlerMethods().keySet()) {
            if (info.getPathPatternsCondition() == null) {
                continue;
            }
            for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                String path = pattern.getPatternString().replaceAll("\\{\\*[^}]*}", "a/b")
                        .replaceAll("\\{[^}]*}", "x1").replace("**", "a/b").replace("*", "x");
                paths.add(path);
                paths.add(path + "/more");
            }
        }
        List<String> compared = new ArrayList<>();
        for (String path : paths) {
            for (String method : METHODS) {
                for (String type : TYPES) {
                    String expected = lookup(plain, method, path, type);
                    assertThat(lookup(server, method, path, type)).as(method + " " + path + " " + type)
                            .isEqualTo(expected);
                    compared.add(expected);
                }
            }
        }
        assertThat(compared).as("handlers found").anyMatch(found -> found.contains("FormController"))
                .anyMatch(found -> found.contains("ConfirmationController"))
                .anyMatch(found -> found.startsWith("refused"));
    }

    private static String lookup(RequestMappingHandlerMapping mapping, String method, String path, String type) {
        MockHttpServletRequest request = new MockHttpServletRequest(PREFLIGHT.equals(method) ? "OPTIONS" : method, path);
        if (PREFLIGHT.equals(method)) {
            request.addHeader("Origin", "https://shop.example");
            request.addHeader("Access-Control-Request-Method", "POST");
        }
        request.setContentType(type);
        request.setContent(new byte[] {'{', '}'});
        request.addHeader("Accept", "application/json, text/html;q=0.9, */*;q=0.8");
        ServletRequestPathUtils.parseAndCache(request);
        try {
            HandlerExecutionChain chain = mapping.getHandler(request);
            if (chain == null) {
                return "none";
            }
            // A preflight's handler is an object of its own per lookup: its class says enough.
            return chain.getHandler() instanceof HandlerMethod handler ? handler.toString()
                    : chain.getHandler().getClass().getName();
        } catch (Exception e) {
            return "refused " + e.getClass().getName();
        }
    }
}
