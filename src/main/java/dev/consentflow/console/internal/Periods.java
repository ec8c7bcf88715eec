package dev.consentflow.console.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * ISO 8601 durations ({@code P1095D}, {@code PT12H}) in words of the user's language: whole years when the days
 * make whole years, otherwise days, otherwise hours. Templates call it as {@code @periods.words(...)}.
 */
@Component("periods")
class Periods {

    private final MessageSource messages;

    Periods(MessageSource messages) {
        this.messages = messages;
    }

    public String words(String iso) {
        Duration duration;
        try {
            duration = Duration.parse(iso);
        } catch (DateTimeParseException e) {
            return iso;
        }
        long hours = duration.toHours();
        if (hours % 24 != 0) {
            return say("period.hours", hours);
        }
        long days = hours / 24;
        return days % 365 == 0 ? say("period.years", days / 365) : say("period.days", days);
    }

    private String say(String key, long n) {
        return messages.getMessage(key, new Object[] {n}, LocaleContextHolder.getLocale());
    }
}
