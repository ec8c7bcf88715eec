package dev.consentflow.engine.internal;

import dev.consentflow.accounts.Caller;
import dev.consentflow.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks a deployment before the engine sees it. Refuses files that declare a DOCTYPE or an entity with
 * {@code 400}: the engine's parser already refuses to resolve them, but answers {@code 500}; a deployment is bad
 * input, so it gets a clear {@code 4xx}. And binds the deployment to the key's account ({@link DeploymentTenant}):
 * a {@code tenant-id} naming another account is refused with {@code 403}.
 */
class DeploymentFilter extends OncePerRequestFilter {

    private final long maxBytes;

    DeploymentFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !request.getRequestURI().endsWith("/deployment/create");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
        if (body.length > maxBytes) {
            Problems.write(response, HttpStatus.PAYLOAD_TOO_LARGE, "The deployment is larger than " + maxBytes + " bytes");
            return;
        }
        String text = new String(body, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
        if (text.contains("<!DOCTYPE") || text.contains("<!ENTITY")) {
            Problems.write(response, HttpStatus.BAD_REQUEST,
                    "Deployments may not declare a DOCTYPE or entities (XML external entities are refused)");
            return;
        }
        Caller caller = Caller.current().orElse(null);
        if (caller == null || caller.account() == null) {
            Problems.write(response, HttpStatus.FORBIDDEN, "Only a key of an account deploys");
            return;
        }
        try {
            body = DeploymentTenant.bind(body, request.getContentType(), caller.account().toString());
        } catch (DeploymentTenant.Refused e) {
            Problems.write(response, e.foreign() ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST, e.getMessage());
            return;
        }
        chain.doFilter(new Replayed(request, body), response);
    }

    private static final class Replayed extends HttpServletRequestWrapper {
        private final byte[] body;

        Replayed(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
