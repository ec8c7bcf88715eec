package dev.consentflow.contacts;

import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.InvalidInputException.FieldProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules for a contact's custom fields ({@code firstName}, {@code city}…), kept in one place for the API,
 * forms and imports. A name is a letter followed by up to 63 letters, digits or underscores; a card holds at most
 * {@value #MAX_FIELDS} fields; a value holds at most {@value #MAX_VALUE_LENGTH} characters and no control
 * character or line break, because values end up in mail subjects ({@code Hi {{firstName}}}) and headers,
 * in exports and on screens. Values are trimmed of spaces and tabs; a {@code null} value means "remove this
 * field" where the caller supports it.
 */
public final class CustomFields {

    public static final int MAX_FIELDS = 50;
    public static final int MAX_NAME_LENGTH = 64;
    public static final int MAX_VALUE_LENGTH = 1000;

    private CustomFields() {
    }

    /**
     * Checks every field and answers them cleaned (trimmed), in their order; {@code null} values are kept as
     * {@code null}.
     *
     * @param prefix the request field they came in, for the error ({@code fields} gives {@code fields.city})
     * @throws InvalidInputException naming every broken field, before anything is written
     */
    public static Map<String, String> check(String prefix, Map<String, String> fields) {
        if (fields == null || fields.isEmpty()) {
            return Map.of();
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (fields.size() > MAX_FIELDS) {
            problems.add(new FieldProblem(prefix, "holds more than " + MAX_FIELDS + " fields"));
        }
        Map<String, String> clean = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String name = field.getKey();
            if (!isName(name)) {
                problems.add(new FieldProblem(prefix, "has a field name that is not a letter followed by up to "
                        + (MAX_NAME_LENGTH - 1) + " letters, digits or underscores"));
                continue;
            }
            String value = field.getValue();
            if (value != null) {
                value = Text.stripSpacesAndTabs(value);
                String problem = valueProblem(value);
                if (problem != null) {
                    problems.add(new FieldProblem(prefix + "." + name, problem));
                    continue;
                }
            }
            clean.put(name, value);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return Collections.unmodifiableMap(clean);
    }

    /** Whether a name is a valid field name. */
    public static boolean isName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            if (!(letter || i > 0 && (c >= '0' && c <= '9' || c == '_'))) {
                return false;
            }
        }
        return true;
    }

    private static String valueProblem(String value) {
        if (value.length() > MAX_VALUE_LENGTH) {
            return "is longer than " + MAX_VALUE_LENGTH + " characters";
        }
        if (Text.hasControlCharacter(value)) {
            return "must not contain control characters or line breaks";
        }
        return null;
    }
}
