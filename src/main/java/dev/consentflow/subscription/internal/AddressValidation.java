package dev.consentflow.subscription.internal;

import java.net.IDN;
import java.util.Locale;

/**
 * Address syntax for signups, written without regular expressions so no input can make it backtrack. Kept in
 * one place so it can give way to the contacts module's address value types. Answers the normalised value, or
 * null with {@link #problem} telling why, in words for the person.
 */
final class AddressValidation {

    private static final String LOCAL_SPECIALS = "!#$%&'*+/=?^_`{|}~.-";

    private AddressValidation() {
    }

    /** The address with its domain in lower-case ASCII (IDN converted), or null when it is not one. */
    static String email(String value) {
        return problemWithEmail(value) == null ? normalise(value) : null;
    }

    static String problemWithEmail(String value) {
        if (value == null || value.isEmpty()) {
            return "is required";
        }
        if (value.length() > 254) {
            return "is longer than 254 characters";
        }
        int at = value.indexOf('@');
        if (at < 0 || at != value.lastIndexOf('@')) {
            return "must be one address with one @";
        }
        String local = value.substring(0, at);
        if (local.isEmpty() || local.length() > 64) {
            return "must have 1 to 64 characters before the @";
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return "has a misplaced dot before the @";
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || LOCAL_SPECIALS.indexOf(c) >= 0))) {
                return "has a character that is not allowed before the @";
            }
        }
        String domain = asciiDomain(value.substring(at + 1));
        if (domain == null) {
            return "has no valid domain after the @";
        }
        return local.length() + 1 + domain.length() > 254 ? "is longer than 254 characters" : null;
    }

    /** E.164: a plus, a first digit that is not 0, 8 to 15 digits in all; or null when it is not one. */
    static String mobile(String value) {
        if (value == null || value.length() < 9 || value.length() > 16 || value.charAt(0) != '+'
                || value.charAt(1) == '0') {
            return null;
        }
        for (int i = 1; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return null;
            }
        }
        return value;
    }

    private static String normalise(String value) {
        int at = value.indexOf('@');
        return value.substring(0, at) + "@" + asciiDomain(value.substring(at + 1));
    }

    private static String asciiDomain(String domain) {
        if (domain.isEmpty() || domain.length() > 253) {
            return null;
        }
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2 || ascii.length() > 253) {
            return null;
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return null;
            }
        }
        String tld = labels[labels.length - 1];
        return tld.chars().allMatch(Character::isDigit) ? null : ascii;
    }
}
