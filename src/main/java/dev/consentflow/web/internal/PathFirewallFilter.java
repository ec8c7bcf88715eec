package dev.consentflow.web.internal;

import dev.consentflow.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
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
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class PathFirewallFilter extends OncePerRequestFilter {

    private final StrictHttpFirewall firewall = new StrictHttpFirewall();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            if (request.getRequestURI().contains("//")) {
                throw new RequestRejectedException("doubled slash");
            }
            firewall.getFirewalledRequest(request);
        } catch (RequestRejectedException e) {
            Problems.write(response, HttpStatus.BAD_REQUEST, "The request's URL is not valid (doubled or encoded "
                    + "slashes, encoded periods, path parameters, dot segments, backslashes and control characters "
                    + "are refused)");
            return;
        }
        chain.doFilter(request, response);
    }
}
