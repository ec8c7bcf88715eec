package dev.consentflow.console.internal;

import dev.consentflow.accounts.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every console request reads its user again: a removed user's session ends at their next click, and the pages
 * get the user (email, role, language) as {@value #USER}.
 */
class ActiveUserFilter extends OncePerRequestFilter {

    static final String USER = "console.user";

    private final ConsoleUserRepository users;

    ActiveUserFilter(ConsoleUserRepository users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Caller> caller = Caller.current().filter(Caller::person);
        if (caller.isPresent()) {
            Optional<ConsoleUser> user = users.findById(caller.get().keyId()).filter(ConsoleUser::canSignIn);
            if (user.isEmpty()) {
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            } else {
                request.setAttribute(USER, user.get());
            }
        }
        chain.doFilter(request, response);
    }
}
