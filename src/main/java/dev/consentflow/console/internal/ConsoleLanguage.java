package dev.consentflow.console.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The console speaks Danish and English: the signed-in user's choice (kept on the user and in the session), else
 * the browser's Accept-Language, else English. Texts are in {@code console/messages_<language>.properties}.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleLanguage {

    static final Locale DANISH = Locale.forLanguageTag("da");
    static final List<String> LANGUAGES = List.of("da", "en");

    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver browser = new AcceptHeaderLocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                HttpSession session = request.getSession(false);
                Object chosen = session == null ? null : session.getAttribute(ConsoleSecurity.LANGUAGE);
                if (chosen instanceof String language && LANGUAGES.contains(language)) {
                    return Locale.forLanguageTag(language);
                }
                return super.resolveLocale(request);
            }
        };
        browser.setSupportedLocales(List.of(Locale.ENGLISH, DANISH));
        browser.setDefaultLocale(Locale.ENGLISH);
        return browser;
    }

    @Bean
    MessageSource messageSource() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        // One bundle per part of the console, so each screen's texts are found next to each other.
        messages.setBasenames("console/messages", "console/marketing", "console/automations", "console/compliance",
                "console/operations", "console/brands", "console/record", "console/gaps", "console/polish");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        messages.setDefaultLocale(Locale.ENGLISH);
        messages.setAlwaysUseMessageFormat(true);
        return messages;
    }
}
