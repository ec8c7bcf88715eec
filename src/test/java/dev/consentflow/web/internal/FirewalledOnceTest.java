package dev.consentflow.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.RequestRejectedException;

class FirewalledOnceTest {

    private final PathFirewallFilter filter = new PathFirewallFilter();
    private final FirewalledOnce security = new FirewalledOnce();

    private static MockHttpServletRequest post(String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
        request.setServerName("localhost");
        return request;
    }

    /** Runs the filter with the given rest of the chain; answers what Spring Security's firewall made of it. */
    private List<Object> through(MockHttpServletRequest request, MockHttpServletResponse response, FilterChain rest)
            throws Exception {
        List<Object> seen = new ArrayList<>();
        filter.doFilter(request, response, (req, res) -> {
            seen.add(req);
            rest.doFilter(req, res);
        });
        return seen;
    }

    @Test
    void aRequestTheFilterFirewalledIsNotFirewalledAgain() throws Exception {
        MockHttpServletRequest request = post("/f/news-signup");
        List<FirewalledRequest> byTheChain = new ArrayList<>();
        List<Object> seen = through(request, new MockHttpServletResponse(), (req, res) -> {
            byTheChain.add(security.getFirewalledRequest((HttpServletRequest) req));
            // As BodySizeLimitFilter passes it on.
            byTheChain.add(security.getFirewalledRequest(new BodySizeLimitFilter.Limited((HttpServletRequest) req, 10)));
        });
        assertThat(seen).singleElement().isInstanceOf(FirewalledRequest.class);
        assertThat(byTheChain).allSatisfy(r -> assertThat(r.getClass().getSimpleName()).isEqualTo("Checked"));
        assertThat(PathFirewallFilter.firewalled((ServletRequest) seen.get(0))).isFalse();
        assertThat(request.getAttributeNames().hasMoreElements()).isFalse();
    }

    @Test
    void anyOtherRequestIsFirewalledAsBefore() throws Exception {
        // Not through the filter (an error page's dispatch), or wrapped by another filter in between.
        assertThat(security.getFirewalledRequest(post("/f/news-signup")).getClass().getSimpleName())
                .isNotEqualTo("Checked");
        assertThatThrownBy(() -> security.getFirewalledRequest(post("/f/a/../b")))
                .isInstanceOf(RequestRejectedException.class);
        MockHttpServletRequest request = post("/f/news-signup");
        List<String> kinds = new ArrayList<>();
        through(request, new MockHttpServletResponse(), (req, res) -> kinds.add(security
                .getFirewalledRequest(new HttpServletRequestWrapper((HttpServletRequest) req)).getClass()
                .getSimpleName()));
        assertThat(kinds).singleElement().isNotEqualTo("Checked");
    }

    @Test
    void aRefusedPathIsABadRequestProblemAndGoesNoFurther() throws Exception {
        for (String uri : List.of("//engine-rest/deployment", "/engine-rest;x=1/deployment", "/f/a/../b",
                "/f/%2e%2e/b", "/f/a%2Fb", "/f/a\\b")) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            MockFilterChain chain = new MockFilterChain();
            filter.doFilter(post(uri), response, chain);
            assertThat(response.getStatus()).as(uri).isEqualTo(400);
            assertThat(response.getContentType()).as(uri).startsWith("application/problem+json");
            assertThat(chain.getRequest()).as(uri).isNull();
        }
    }

    @Test
    void aHeaderTheFirewallRefusesIsABadRequestProblemWhereverItIsRead() throws Exception {
        MockHttpServletRequest request = post("/f/news-signup");
        request.addHeader("X-Odd", "a\u0085b");
        MockHttpServletResponse response = new MockHttpServletResponse();
        through(request, response, (req, res) -> ((HttpServletRequest) req).getHeader("X-Odd"));
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).startsWith("application/problem+json");
    }
}
