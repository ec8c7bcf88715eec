package dev.consentflow.console.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The time zone a console page shows times in: the user's own choice (kept on the user, read once per session),
 * else by the page's language: Danish pages in Europe/Copenhagen, English ones in UTC. (No script of ours runs in
 * the browser, so the browser's own zone is not known; a user picks theirs on the settings page.)
 */
@Component
class ConsoleTimeZone {

    static final ZoneId DANISH = ZoneId.of("Europe/Copenhagen");
    /** UTC as a region, so times read "… UTC" (the offset ZoneOffset.UTC would print "Z"). */
    static final ZoneId UTC = ZoneId.of("UTC");
    private static final String SESSION = "console.timeZone";

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
        return chosen(servlet.getRequest()).orElseGet(() -> byLanguage(LocaleContextHolder.getLocale()));
    }

    /** The user's own choice, or empty to follow the language. */
    Optional<ZoneId> chosen(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object kept = session == null ? null : session.getAttribute(SESSION);
        if (kept == null && request.getAttribute(ActiveUserFilter.USER) instanceof ConsoleUser me) {
            kept = stored(me.id()).orElse("");
            request.getSession().setAttribute(SESSION, kept);
        }
        return kept instanceof String zone && !zone.isEmpty() ? Optional.of(ZoneId.of(zone)) : Optional.empty();
    }

    /** Keeps the user's zone (empty: follow the language); an unknown zone id is refused. */
    void choose(ConsoleUser me, String zone, HttpServletRequest request) {
        String id = zone == null || zone.isBlank() ? "" : parse(zone.strip()).getId();
        jdbc.sql("update console_user set time_zone = :zone where id = :id")
                .param("zone", id.isEmpty() ? null : id).param("id", me.id()).update();
        request.getSession().setAttribute(SESSION, id);
    }

    static ZoneId byLanguage(Locale locale) {
        return locale != null && "da".equals(locale.getLanguage()) ? DANISH : UTC;
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
