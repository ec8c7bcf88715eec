package dev.consentflow.web.internal;

import dev.consentflow.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies above the configured size with {@code 413} before anything reads them, also when they come
 * chunked without a length. Multipart uploads (imports, deployments) have their own, larger limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long defaultMaxBytes;
    private final long webhookMaxBytes;

    /** ESPs batch their events: SendGrid posts up to 768 KB at once, so {@code /hooks/} takes more. */
    BodySizeLimitFilter(@Value("${consentflow.web.max-body-bytes}") long maxBytes,
                        @Value("${consentflow.web.max-webhook-body-bytes:1048576}") long webhookMaxBytes) {
        this.defaultMaxBytes = maxBytes;
        this.webhookMaxBytes = webhookMaxBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase().startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long maxBytes = request.getRequestURI().startsWith("/hooks/") ? webhookMaxBytes : defaultMaxBytes;
        if (request.getContentLengthLong() > maxBytes) {
            Problems.write(response, HttpStatus.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBytes + " bytes");
            return;
        }
        try {
            chain.doFilter(new Limited(request, maxBytes), response);
        } catch (BodyTooLarge e) {
            if (!response.isCommitted()) {
                response.reset();
                Problems.write(response, HttpStatus.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBytes + " bytes");
            }
        } catch (ServletException | IOException | RuntimeException e) {
            if (causedBy(e) && !response.isCommitted()) {
                response.reset();
                Problems.write(response, HttpStatus.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBytes + " bytes");
                return;
            }
            throw e;
        }
    }

    private static boolean causedBy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLarge) {
                return true;
            }
        }
        return false;
    }

    static final class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super("request body too large");
        }
    }

    static final class Limited extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && ++read > max) {
                            throw new BodyTooLarge();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int off, int len) throws IOException {
                        int n = in.read(buffer, off, len);
                        if (n > 0 && (read += n) > max) {
                            throw new BodyTooLarge();
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
