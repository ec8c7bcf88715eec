package dev.consentflow.subscription.internal;

import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.EmailAddress;
import dev.consentflow.contacts.InvalidValue;
import dev.consentflow.contacts.MobileNumber;
import dev.consentflow.contacts.Signup;
import dev.consentflow.contacts.Source;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.subscription.internal.SignupForms.SignupForm;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.InvalidInputException.FieldProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns what a form posted into a {@link Signup}, or refuses it with every problem named. Nothing that holds a
 * control character gets through: CR and LF (also once decoded from {@code %0D%0A}), NUL, NEL and the Unicode
 * line and paragraph separators could otherwise end up as extra lines in a mail header or a log.
 */
final class SignupValues {

    static final String HONEYPOT = "website";
    private static final int MAX_FIELD_LENGTH = 200;
    private static final int MAX_USER_AGENT = 512;
    /** Control characters and Unicode line breaks, each replaced by a space; compiled once, not for every post and click. */
    private static final Pattern USER_AGENT_BREAKS = Pattern.compile("[\\p{Cntrl}\\u0085\\u2028\\u2029]");

    private SignupValues() {
    }

    static boolean hasControlCharacters(String value) {
        return value.chars().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029);
    }

    /** JSON bodies: text values only, and {@code consent} may be a boolean. */
    static Map<String, String> fromJson(Map<String, Object> body) {
        Map<String, String> values = new LinkedHashMap<>();
        List<FieldProblem> problems = new ArrayList<>();
        body.forEach((name, value) -> {
            if (value instanceof String || value instanceof Boolean) {
                values.put(name, value.toString());
            } else if (value != null) {
                problems.add(new FieldProblem(name, "must be text"));
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return values;
    }

    static boolean isBot(Map<String, String> values) {
        String trap = values.get(HONEYPOT);
        return trap != null && !trap.isEmpty();
    }

    static Signup parse(SignupForm form, Map<String, String> values, String ip, String userAgent, Instant now) {
        FormDefinition definition = form.definition();
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        String email = null;
        String mobile = null;
        boolean consent = false;
        for (var entry : values.entrySet()) {
            String name = entry.getKey();
            String value = entry.getValue() == null ? "" : entry.getValue();
            if (hasControlCharacters(name) || hasControlCharacters(value)) {
                problems.add(new FieldProblem(safeName(name), "must not contain line breaks or control characters"));
                continue;
            }
            switch (name) {
                case "email" -> email = definition.channel() == Channel.EMAIL ? value.strip() : unexpected(name, problems);
                case "mobile" -> mobile = definition.channel() == Channel.SMS ? value.strip() : unexpected(name, problems);
                case "consent" -> consent = "true".equals(value) || "on".equals(value);
                case HONEYPOT -> { }
                default -> {
                    if (!definition.fields().contains(name)) {
                        unexpected(name, problems);
                    } else if (value.length() > MAX_FIELD_LENGTH) {
                        problems.add(new FieldProblem(name, "is longer than " + MAX_FIELD_LENGTH + " characters"));
                    } else if (!value.isBlank()) {
                        fields.put(name, value.strip());
                    }
                }
            }
        }
        // The contacts module's own address rules, so a form refuses exactly what the contact store would.
        String channelField = definition.channel() == Channel.EMAIL ? "email" : "mobile";
        String address = definition.channel() == Channel.EMAIL ? email : mobile;
        try {
            address = definition.channel() == Channel.EMAIL
                    ? EmailAddress.parse(email).value() : MobileNumber.parse(mobile).value();
        } catch (InvalidValue e) {
            if (problems.stream().noneMatch(p -> p.field().equals(channelField))) {
                problems.add(new FieldProblem(channelField, e.getMessage()));
            }
        }
        if (!consent) {
            problems.add(new FieldProblem("consent", "must be given to subscribe"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        ConsentEvidence evidence = new ConsentEvidence(now, ip, cleanUserAgent(userAgent), definition.key(),
                form.version(), form.consentText());
        return new Signup(definition.channel() == Channel.EMAIL ? address : email,
                definition.channel() == Channel.SMS ? address : mobile, definition.channel(),
                definition.listKey(), Map.copyOf(fields), Source.WEBFORM, evidence);
    }

    static String cleanUserAgent(String userAgent) {
        if (userAgent == null) {
            return null;
        }
        String clean = USER_AGENT_BREAKS.matcher(userAgent).replaceAll(" ");
        return clean.length() > MAX_USER_AGENT ? clean.substring(0, MAX_USER_AGENT) : clean;
    }

    private static String unexpected(String name, List<FieldProblem> problems) {
        problems.add(new FieldProblem(safeName(name), "is not a field of this form"));
        return null;
    }

    /** Field names are echoed in answers: never more than a short, plain name. */
    private static String safeName(String name) {
        String plain = name.replaceAll("[^A-Za-z0-9_-]", "?");
        return plain.length() > 40 ? plain.substring(0, 40) : plain;
    }
}
