package dev.consentflow.console.internal;

import dev.consentflow.web.InvalidInputException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The marketing screens' checks of what a person typed, with the API's rules (a 400 page that names the field). */
final class MarketingInput {

    private static final Pattern KEY = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern ONE_LINE = Pattern.compile("[^\\p{Cntrl}\\u2028\\u2029]*");

    private MarketingInput() {
    }

    static String key(String field, String value) {
        if (value == null || !KEY.matcher(value.strip()).matches()) {
            throw new InvalidInputException(field, "must be 1 to 64 of a-z, 0-9 and -");
        }
        return value.strip();
    }

    static String line(String field, String value, int max, boolean required) {
        String text = value == null ? "" : value.strip();
        if (required && text.isEmpty()) {
            throw new InvalidInputException(field, "must not be empty");
        }
        if (text.length() > max || !ONE_LINE.matcher(text).matches()) {
            throw new InvalidInputException(field, "must be at most " + max + " characters on one line");
        }
        return text.isEmpty() ? null : text;
    }

    static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "must not be empty");
        }
        if (value.length() > max) {
            throw new InvalidInputException(field, "must be at most " + max + " characters");
        }
        return value;
    }

    /**
     * The fields of a form with a problem, for the form shown again: the API's field names, each once, a nested
     * one as the console's flat field ({@code from.address} is {@code fromAddress}).
     */
    static Map<String, Boolean> fields(InvalidInputException problems) {
        Map<String, Boolean> fields = new LinkedHashMap<>();
        for (InvalidInputException.FieldProblem problem : problems.errors()) {
            String field = problem.field();
            int dot = field.indexOf('.');
            fields.put(dot < 0 || dot == field.length() - 1 ? field : field.substring(0, dot)
                    + Character.toUpperCase(field.charAt(dot + 1)) + field.substring(dot + 2), true);
        }
        return fields;
    }

    /** Field names typed as "firstName, city": each trimmed, empty ones left out. */
    static List<String> names(String value) {
        return value == null ? List.of() : Arrays.stream(value.split("[,\\s]+")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }
}
