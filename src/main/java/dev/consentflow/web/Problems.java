package dev.consentflow.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds the problem answers of API.md section 2, so every module and filter says errors the same way. */
public final class Problems {

    public static final String TYPE_BASE = "https://consentflow.dev/problems/";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        HttpStatus known = HttpStatus.resolve(status.value());
        String slug = known == null ? String.valueOf(status.value()) : known.name().toLowerCase().replace('_', '-');
        problem.setType(URI.create(TYPE_BASE + slug));
        problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        return problem;
    }

    /** Writes a problem answer from a filter, where no message converter is at hand. */
    public static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json(status, detail));
    }

    /** The problem answer as JSON text, for writers without a message converter (filters, the engine's REST API). */
    public static String json(HttpStatus status, String detail) {
        ProblemDetail problem = of(status, detail);
        return "{\"type\":\"" + problem.getType() + "\",\"title\":" + quote(problem.getTitle())
                + ",\"status\":" + status.value() + ",\"detail\":" + quote(detail) + "}";
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
