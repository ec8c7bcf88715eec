package dev.consentflow.accounts.internal;

import dev.consentflow.accounts.Caller;
import dev.consentflow.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Reads {@code Authorization: Bearer <key>} and makes its {@link Caller} the principal of the request. */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private final AccountRegistry accounts;

    ApiKeyAuthenticationFilter(AccountRegistry accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<Caller> caller = accounts.authenticate(header.substring(7).trim());
            if (caller.isEmpty()) {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
                Problems.write(response, HttpStatus.UNAUTHORIZED, "The API key is not valid");
                return;
            }
            var authentication = new UsernamePasswordAuthenticationToken(caller.get(), null,
                    List.of(new SimpleGrantedAuthority(caller.get().role().authority())));
            SecurityContextHolder.getContext().setAuthentication(authentication);
        }
        chain.doFilter(request, response);
    }
}
