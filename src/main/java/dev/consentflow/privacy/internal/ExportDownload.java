package dev.consentflow.privacy.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

/**
 * Starts a file download in the response: an attachment with a file name, never cached. Called only after every
 * check passed, because the first byte commits the answer; the file then streams straight into the response.
 */
final class ExportDownload {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private ExportDownload() {
    }

    static OutputStream start(HttpServletResponse response, ExportFormat format, String baseName)
            throws IOException {
        return start(response, format.contentType(), baseName + "-", format.extension());
    }

    /** A download of any type: {@code <prefix><UTC stamp>.<extension>}. */
    static OutputStream start(HttpServletResponse response, String contentType, String prefix, String extension)
            throws IOException {
        String fileName = prefix + STAMP.format(Instant.now()) + "." + extension;
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(contentType);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(fileName).build().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        return response.getOutputStream();
    }
}
