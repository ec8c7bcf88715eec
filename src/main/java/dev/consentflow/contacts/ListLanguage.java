package dev.consentflow.contacts;

import java.util.List;

/** The languages a list's public pages and built-in mails are written in: ISO 639-1 codes. */
public final class ListLanguage {

    public static final String DEFAULT = "en";
    public static final List<String> CODES = List.of("da", "en", "de", "sv", "nb");

    private ListLanguage() {
    }

    public static boolean isSupported(String code) {
        return code != null && CODES.contains(code);
    }

    /** The code, or English for anything this server has no texts in. */
    public static String orDefault(String code) {
        return isSupported(code) ? code : DEFAULT;
    }
}
