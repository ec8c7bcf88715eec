package dev.consentflow.contacts;

import dev.consentflow.web.InvalidInputException;

/**
 * A mobile number in E.164: a {@code +}, a country code that does not start with 0, and 7 to 15 digits in all,
 * nothing else ({@code +4512345678}). Leading and trailing spaces and tabs are removed; spaces, dashes or
 * brackets inside are refused rather than guessed at, so the number stored is the number the person gave.
 * The E.164 form is also the input of the mobile blind index. {@link #toString()} never shows the number.
 */
public final class MobileNumber {

    private static final int MIN_DIGITS = 7;
    private static final int MAX_DIGITS = 15;
    private static final int MAX_RAW_LENGTH = 64;

    private final String value;

    private MobileNumber(String value) {
        this.value = value;
    }

    /** @throws InvalidValue with a message that never repeats the value */
    public static MobileNumber parse(String raw) {
        if (raw == null) {
            throw new InvalidValue("is required");
        }
        if (raw.length() > MAX_RAW_LENGTH) {
            throw new InvalidValue("must be in E.164 format, for example +4512345678");
        }
        String text = Text.stripSpacesAndTabs(raw);
        if (text.isEmpty()) {
            throw new InvalidValue("is required");
        }
        int digits = text.length() - 1;
        if (text.charAt(0) != '+' || digits < MIN_DIGITS || digits > MAX_DIGITS || text.charAt(1) == '0') {
            throw new InvalidValue("must be in E.164 format, for example +4512345678");
        }
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                throw new InvalidValue("must be in E.164 format, for example +4512345678");
            }
        }
        return new MobileNumber(text);
    }

    /** Parses the value of a request field, answering a {@code 400} that names the field when it is invalid. */
    public static MobileNumber parseField(String field, String raw) {
        try {
            return parse(raw);
        } catch (InvalidValue e) {
            throw new InvalidInputException(field, e.getMessage());
        }
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MobileNumber number && number.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "MobileNumber[...]";
    }
}
