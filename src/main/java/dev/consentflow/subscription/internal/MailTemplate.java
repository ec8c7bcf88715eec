package dev.consentflow.subscription.internal;

import dev.consentflow.dispatch.TemplateRenderer;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.InvalidInputException.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The wording of one built-in mail: subject, HTML and text, with {@code {{placeholder}}}s. */
record MailTemplate(String subject, String html, String text) {

    static final int MAX_SUBJECT = 300;
    static final int MAX_BODY = 100_000;

    /** Every problem at once: missing parts, the kind's link missing in a part, placeholders the kind lacks. */
    MailTemplate checkedFor(MailKind kind) {
        List<FieldProblem> problems = new ArrayList<>();
        part("subject", subject, MAX_SUBJECT, problems);
        part("html", html, MAX_BODY, problems);
        part("text", text, MAX_BODY, problems);
        if (subject != null && subject.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            problems.add(new FieldProblem("subject", "must be one line"));
        }
        unknown("subject", subject, Set.of(MailKind.LIST_NAME, MailKind.BRAND_NAME), problems);
        unknown("html", html, kind.placeholders(), problems);
        unknown("text", text, kind.placeholders(), problems);
        required("html", html, kind, problems);
        required("text", text, kind, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return this;
    }

    /**
     * Rendered with the server's one renderer: values as they are in subject and text, escaped in HTML; each line
     * break in the subject a space (by character, not a regular expression compiled for every mail).
     */
    Rendered render(Map<String, String> values) {
        return new Rendered(TemplateRenderer.plain(subject, values).replace('\r', ' ').replace('\n', ' '),
                TemplateRenderer.html(html, values), TemplateRenderer.plain(text, values));
    }

    record Rendered(String subject, String html, String text) {
    }

    private static void part(String name, String value, int max, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(name, "must not be empty"));
        } else if (value.length() > max) {
            problems.add(new FieldProblem(name, "must be at most " + max + " characters"));
        }
    }

    private static void unknown(String name, String value, Set<String> allowed, List<FieldProblem> problems) {
        if (value == null) {
            return;
        }
        for (String placeholder : TemplateRenderer.placeholders(value)) {
            if (!allowed.contains(placeholder)) {
                problems.add(new FieldProblem(name, "uses the unknown placeholder {{" + placeholder
                        + "}}; this mail offers " + list(allowed)));
            }
        }
    }

    private static void required(String name, String value, MailKind kind, List<FieldProblem> problems) {
        if (value != null && !value.isBlank() && !TemplateRenderer.placeholders(value).contains(kind.link())) {
            problems.add(new FieldProblem(name, "must contain {{" + kind.link() + "}}: the " + kind.code()
                    + " mail exists for this link"));
        }
    }

    private static String list(Set<String> names) {
        return String.join(", ", new TreeSet<>(names).stream().map(n -> "{{" + n + "}}").toList());
    }
}
