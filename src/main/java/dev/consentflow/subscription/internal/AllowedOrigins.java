package dev.consentflow.subscription.internal;

import dev.consentflow.web.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The origins a form allows: web origins exactly as a browser sends them in {@code Origin}
 * ({@code https://shop.example}, {@code http://localhost:8081}), no paths, no wildcards. They decide both CORS
 * for the embed script's {@code fetch} and the {@code frame-ancestors} of the form's pages.
 */
final class AllowedOrigins {

    static final int MAX = 20;

    private AllowedOrigins() {
    }

    /** The origins as stored: lower-case, default ports dropped, each once; {@code 400} for anything else. */
    static List<String> checked(List<String> origins) {
        if (origins == null) {
            throw new InvalidInputException("allowedOrigins", "is required (an empty list allows no other site)");
        }
        if (origins.size() > MAX) {
            throw new InvalidInputException("allowedOrigins", "may hold at most " + MAX + " origins");
        }
        List<String> checked = new ArrayList<>();
        for (String origin : origins) {
            String normal = normalised(origin);
            if (normal == null) {
                throw new InvalidInputException("allowedOrigins",
                        "must hold origins such as https://shop.example (scheme, host and port only)");
            }
            if (!checked.contains(normal)) {
                checked.add(normal);
            }
        }
        return checked;
    }

    static boolean allows(List<String> allowed, String origin) {
        String normal = normalised(origin);
        return normal != null && allowed.contains(normal);
    }

    private static String normalised(String origin) {
        if (origin == null || origin.length() > 300 || origin.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
            return null;
        }
        String text = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getHost().contains("*")) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443)
                    || (scheme.equals("http") && port == 80);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
