package dev.consentflow.web.internal;

import dev.consentflow.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A path not in its one normal spelling is bad input, refused with {@code 400} problem JSON before any other filter:
 * Spring Security's strict firewall rules (encoded slashes and periods, path parameters such as {@code ;x=1}, dot
 * segments, backslashes, control characters) plus a doubled slash. Left to Spring Security's own filter chain, a
 * doubled slash or a path parameter in the servlet's part of the path ({@code //engine-rest/...},
 * {@code /engine-rest;x=1/...}) makes Spring's request-path parsing fail with a {@code 500} before the firewall runs.
 *
 * <p>The request goes on as the firewall wrapped it, so its headers and parameters are checked as they are read,
 * from here on; Spring Security's filter chain takes it as it is ({@link FirewalledOnce}) instead of running the same
 * firewall over the same path a second time. A header or parameter the firewall refuses is a {@code 400} problem
 * too, wherever it is read: inside Spring Security's chain its own handler answers, before it this filter.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class PathFirewallFilter extends OncePerRequestFilter {

    /** The request this filter firewalled, while its chain runs. */
    private static final String FIREWALLED = PathFirewallFilter.class.getName() + ".FIREWALLED";

    private final StrictHttpFirewall firewall = new StrictHttpFirewall();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        FirewalledRequest firewalled;
        try {
            if (request.getRequestURI().contains("//")) {
                throw new RequestRejectedException("doubled slash");
            }
            firewalled = firewall.getFirewalledRequest(request);
        } catch (RequestRejectedException e) {
            refuse(response);
            return;
        }
        request.setAttribute(FIREWALLED, firewalled);
        try {
            chain.doFilter(firewalled, response);
        } catch (RequestRejectedException e) {
            if (response.isCommitted()) {
                throw e;
            }
            response.reset();
            refuse(response);
        } finally {
            request.removeAttribute(FIREWALLED);
        }
    }

    /**
     * Whether this filter firewalled the request, as it is or only wrapped by {@link BodySizeLimitFilter} (which
     * reads no header nor parameter of its own): another wrapper might answer headers or parameters the firewall
     * has not seen, so then the firewall runs again.
     */
    static boolean firewalled(ServletRequest request) {
        Object firewalled = request.getAttribute(FIREWALLED);
        ServletRequest r = request;
        while (firewalled != null && r != firewalled && r instanceof BodySizeLimitFilter.Limited limited) {
            r = limited.getRequest();
        }
        return firewalled != null && r == firewalled;
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        Problems.write(response, HttpStatus.BAD_REQUEST, "The request's URL is not valid (doubled or encoded "
                + "slashes, encoded periods, path parameters, dot segments, backslashes and control characters "
                + "are refused)");
    }
}
