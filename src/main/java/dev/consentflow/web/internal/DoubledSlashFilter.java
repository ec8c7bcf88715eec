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
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A doubled slash in the raw path ({@code //engine-rest/...}) is bad input: {@code 400} problem JSON. The servlet
 * container maps it to the normalised path, but Spring's request-path parsing then fails on it (a {@code 500}) before
 * Spring Security's firewall, which refuses the other unnormalised spellings, is reached.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DoubledSlashFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getRequestURI().contains("//")) {
            Problems.write(response, HttpStatus.BAD_REQUEST, "The request's URL is not valid (doubled slashes are refused)");
            return;
        }
        chain.doFilter(request, response);
    }
}
