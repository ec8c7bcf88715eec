package dev.consentflow.subscription.internal;

import dev.consentflow.subscription.internal.SignupForms.SignupForm;
import dev.consentflow.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS for {@code POST /f/{key}}: the embed script on a customer's page posts JSON with {@code fetch}, which a
 * browser only sends after a preflight that this server answers for the form's allowed origins alone. A
 * preflight from any other origin gets {@code 403} without CORS headers, and so does a JSON post that names such
 * an origin (a browser would not have sent it; whoever did gets no signup through a foreign page). Posts without
 * an {@code Origin}, from our own pages, and plain form posts (a page's HTML form, which needs no CORS) pass as
 * before.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class FormCors extends OncePerRequestFilter {

    private static final Pattern FORM_PATH = Pattern.compile("/f/([a-z0-9][a-z0-9-]{0,63})");

    private final Supplier<SignupForms> forms;
    private final String ownOrigin;

    /**
     * The forms are looked up on the first cross-origin post, not here: Spring Boot makes every filter while it sets
     * Tomcat up, and the forms' repository made Spring Data and the database (which a fresh start waits for) a
     * part of Tomcat's set-up.
     */
    FormCors(ObjectProvider<SignupForms> forms, @Value("${consentflow.public-url}") String publicUrl) {
        this.forms = SingletonSupplier.of(forms::getObject);
        URI own = URI.create(publicUrl);
        this.ownOrigin = own.getScheme() + "://" + own.getRawAuthority();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.ORIGIN) == null || !FORM_PATH.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        Matcher path = FORM_PATH.matcher(request.getRequestURI());
        path.matches();
        if (sameOrigin(request, origin)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<SignupForm> form = forms.get().find(path.group(1));
        boolean allowed = form.isPresent() && AllowedOrigins.allows(form.get().allowedOrigins(), origin);
        boolean preflight = "OPTIONS".equals(request.getMethod())
                && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
        if (allowed) {
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
            if (preflight) {
                response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "POST");
                response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type, Accept");
                response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
                response.setStatus(HttpStatus.NO_CONTENT.value());
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (preflight || isJson(request)) {
            response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
            Problems.write(response, HttpStatus.FORBIDDEN, "This form does not accept posts from pages of this origin");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean sameOrigin(HttpServletRequest request, String origin) {
        if (origin.equals(ownOrigin)) {
            return true;
        }
        String host = request.getHeader(HttpHeaders.HOST);
        return host != null && origin.equals(request.getScheme() + "://" + host);
    }

    private static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).contains("json");
    }
}
