package dev.consentflow.subscription;

import dev.consentflow.contacts.ListLanguage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.web.util.HtmlUtils;

/**
 * The words a subscriber reads, in one catalogue per language ({@code subscription/texts_<code>.properties}):
 * the public pages, the built-in mails and the campaign footer. A list's pages and mails speak the list's
 * language; a page that knows no list (an unknown link) speaks the browser's, by {@code Accept-Language}.
 * {@code {0}}, {@code {1}} are filled in as given: no quoting rules, so an apostrophe is just an apostrophe.
 */
public final class PublicTexts {

    private static final Map<String, PublicTexts> CATALOGUES = ListLanguage.CODES.stream()
            .collect(Collectors.toUnmodifiableMap(Function.identity(), PublicTexts::load));

    private final String language;
    private final Properties texts;

    private PublicTexts(String language, Properties texts) {
        this.language = language;
        this.texts = texts;
    }

    /** The catalogue of a list's language; English for a language this server has no words in. */
    public static PublicTexts of(String language) {
        return CATALOGUES.get(ListLanguage.orDefault(language));
    }

    /** The catalogue of the browser's preferred language among ours, or English. */
    public static PublicTexts ofAcceptLanguage(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return of(ListLanguage.DEFAULT);
        }
        try {
            String tag = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), ListLanguage.CODES);
            return of(tag);
        } catch (IllegalArgumentException e) {
            return of(ListLanguage.DEFAULT);
        }
    }

    public String language() {
        return language;
    }

    /** The text of a key with its arguments, as plain text. */
    public String text(String key, String... args) {
        String text = texts.getProperty(key);
        if (text == null) {
            throw new IllegalArgumentException("no text " + key + " in " + language);
        }
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", args[i]);
        }
        return text;
    }

    /** The text of a key HTML-escaped, with arguments that are HTML already ({@code <strong>name</strong>}). */
    public String html(String key, String... htmlArgs) {
        String text = HtmlUtils.htmlEscape(text(key), "UTF-8");
        for (int i = 0; i < htmlArgs.length; i++) {
            text = text.replace("{" + i + "}", htmlArgs[i]);
        }
        return text;
    }

    /** Every key of this catalogue (for the test that keeps the languages complete). */
    public Set<String> keys() {
        return texts.stringPropertyNames();
    }

    /** The languages there are catalogues for. */
    public static List<String> languages() {
        return ListLanguage.CODES;
    }

    private static PublicTexts load(String language) {
        String path = "/subscription/texts_" + language + ".properties";
        try (InputStream in = PublicTexts.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path);
            }
            Properties texts = new Properties();
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return new PublicTexts(language, texts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
