package dev.consentflow.console.internal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The one rule for the time zone every console page shows times in, the reader's: the user's own choice (kept on
 * the user, read once per session), else the browser's zone (which {@code /app/assets/zone.js} puts in the
 * {@code consentflow-zone} cookie on every page, the login page first), else UTC. The page's language plays no
 * part: a Danish page and an English one show the same instant the same way. Every time carries its zone's name,
 * and its {@code <time>} element the exact UTC instant ({@link ConsoleFormat}).
 */
@Component
class ConsoleTimeZone {

    /** UTC as a region, so times read "… UTC" (the offset ZoneOffset.UTC would print "Z"). */
    static final ZoneId UTC = ZoneId.of("UTC");
    private static final String SESSION = "console.timeZone";
    /** The cookie {@code zone.js} writes the browser's zone into. */
    static final String BROWSER_COOKIE = "consentflow-zone";

    private final JdbcClient jdbc;

    ConsoleTimeZone(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The zone of the current request's page (UTC outside a request). */
    ZoneId current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes servlet)) {
            return UTC;
        }
        HttpServletRequest request = servlet.getRequest();
        return chosen(request).or(() -> browsers(request)).orElse(UTC);
    }

    /** The zone the browser says it is in (a cookie anyone can write: an unknown zone is ignored). */
    static Optional<ZoneId> browsers(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (BROWSER_COOKIE.equals(cookie.getName())) {
                try {
                    String zone = URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8);
                    return zone.length() > 64 ? Optional.empty() : Optional.of(ZoneId.of(zone));
                } catch (DateTimeException | IllegalArgumentException unknown) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The user's own choice, or empty to follow the browser. */
    Optional<ZoneId> chosen(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object kept = session == null ? null : session.getAttribute(SESSION);
        if (kept == null && request.getAttribute(ActiveUserFilter.USER) instanceof ConsoleUser me) {
            kept = stored(me.id()).orElse("");
            request.getSession().setAttribute(SESSION, kept);
        }
        return kept instanceof String zone && !zone.isEmpty() ? Optional.of(ZoneId.of(zone)) : Optional.empty();
    }

    /** Keeps the user's zone (empty: follow the browser); an unknown zone id is refused. */
    void choose(ConsoleUser me, String zone, HttpServletRequest request) {
        String id = zone == null || zone.isBlank() ? "" : parse(zone.strip()).getId();
        jdbc.sql("update console_user set time_zone = :zone where id = :id")
                .param("zone", id.isEmpty() ? null : id).param("id", me.id()).update();
        request.getSession().setAttribute(SESSION, id);
    }

    static ZoneId parse(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new dev.consentflow.web.InvalidInputException("zone", "is not a known time zone");
        }
    }

    private Optional<String> stored(UUID user) {
        return jdbc.sql("select time_zone from console_user where id = :id").param("id", user)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(z -> z);
    }
}
