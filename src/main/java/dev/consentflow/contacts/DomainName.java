package dev.consentflow.contacts;

import java.net.IDN;
import java.util.Locale;

/**
 * The domain rules of {@link EmailAddress}: an internationalised name becomes its ASCII form (IDNA), then at
 * least two labels of letters, digits and inner hyphens, at most 63 characters each and 253 in all, the last one
 * not numeric (no IP addresses, no address literals).
 */
final class DomainName {

    private static final int MAX_DOMAIN_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    private DomainName() {
    }

    /** The domain in lower-case ASCII. */
    static String ascii(String domain) {
        if (domain.startsWith("[")) {
            throw new InvalidValue("must have a domain name, not an address literal");
        }
        String ascii = domain;
        if (!isAscii(domain)) {
            try {
                ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
            } catch (IllegalArgumentException e) {
                throw new InvalidValue("has a domain that is not a valid internationalised domain name");
            }
        }
        ascii = ascii.toLowerCase(Locale.ROOT);
        if (ascii.length() > MAX_DOMAIN_LENGTH) {
            throw new InvalidValue("has a domain longer than " + MAX_DOMAIN_LENGTH + " characters");
        }
        checkLabels(ascii);
        return ascii;
    }

    private static void checkLabels(String domain) {
        int labels = 0;
        int start = 0;
        for (int i = 0; i <= domain.length(); i++) {
            if (i == domain.length() || domain.charAt(i) == '.') {
                checkLabel(domain, start, i);
                labels++;
                start = i + 1;
            }
        }
        if (labels < 2) {
            throw new InvalidValue("must have a domain with a dot, such as example.org");
        }
        String top = domain.substring(domain.lastIndexOf('.') + 1);
        if (top.chars().allMatch(Character::isDigit)) {
            throw new InvalidValue("must have a domain name, not an IP address");
        }
    }

    private static void checkLabel(String domain, int start, int end) {
        int length = end - start;
        if (length == 0) {
            throw new InvalidValue("has an empty part in the domain (two dots in a row, or a dot at the start or end)");
        }
        if (length > MAX_LABEL_LENGTH) {
            throw new InvalidValue("has a domain part longer than " + MAX_LABEL_LENGTH + " characters");
        }
        if (domain.charAt(start) == '-' || domain.charAt(end - 1) == '-') {
            throw new InvalidValue("has a domain part that starts or ends with a hyphen");
        }
        for (int i = start; i < end; i++) {
            char c = domain.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                throw new InvalidValue("has a character that is not allowed in the domain");
            }
        }
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
