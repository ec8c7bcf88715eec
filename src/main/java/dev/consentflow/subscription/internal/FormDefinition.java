package dev.consentflow.subscription.internal;

import dev.consentflow.dispatch.Channel;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.InvalidInputException.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A signup form as marketers write it, in {@code POST /api/forms} or a {@code forms/*.signup.json} file:
 * {@code {"key": "news-signup", "lists": ["news"], "channel": "EMAIL", "fields": ["firstName"],
 * "title": "Acme news", "consentText": "Yes, send me..."}}. Title and consent text are optional.
 */
record FormDefinition(String key, List<String> lists, Channel channel, List<String> fields, String title,
                      String consentText) {

    static final Set<String> RESERVED = Set.of("email", "mobile", "consent", "website", "list", "lists");
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern LIST_KEY = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern FIELD = Pattern.compile("[a-zA-Z][a-zA-Z0-9]{0,39}");
    private static final int MAX_FIELDS = 10;

    FormDefinition {
        lists = lists == null ? List.of() : List.copyOf(lists);
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    String titleOrDefault() {
        return title == null || title.isBlank() ? "Newsletter" : title;
    }

    /**
     * The consent text in English without the tracking sentence; the pages and the evidence take
     * {@link SignupForms.SignupForm#consentText()}, which knows the list.
     */
    String consentTextOrDefault() {
        if (consentText != null && !consentText.isBlank()) {
            return consentText;
        }
        return "Yes, please send me " + titleOrDefault() + (channel == Channel.SMS ? " by SMS" : " by email")
                + ". I can withdraw this consent at any time with the link in every message.";
    }

    String listKey() {
        return lists.get(0);
    }

    /** Every rule at once, so the marketer sees all problems in one answer. */
    FormDefinition validated() {
        List<FieldProblem> problems = new ArrayList<>();
        if (key == null || !KEY.matcher(key).matches()) {
            problems.add(new FieldProblem("key", "must be 1 to 64 of a-z, 0-9 and -, starting with a letter or digit"));
        }
        if (lists.size() != 1) {
            problems.add(new FieldProblem("lists", "must name exactly one list (one confirmation per form)"));
        } else if (lists.get(0) == null || !LIST_KEY.matcher(lists.get(0)).matches()) {
            problems.add(new FieldProblem("lists", "must hold a list key of 1 to 64 of a-z, 0-9 and -"));
        }
        if (channel == null) {
            problems.add(new FieldProblem("channel", "must be EMAIL or SMS"));
        }
        if (fields.size() > MAX_FIELDS) {
            problems.add(new FieldProblem("fields", "may hold at most " + MAX_FIELDS + " fields"));
        }
        for (String field : fields) {
            if (field == null || !FIELD.matcher(field).matches() || RESERVED.contains(field.toLowerCase())) {
                problems.add(new FieldProblem("fields", "holds a name that is not a plain field name or is reserved"));
                break;
            }
        }
        if (fields.stream().distinct().count() != fields.size()) {
            problems.add(new FieldProblem("fields", "names a field twice"));
        }
        checkText("title", title, 200, problems);
        checkText("consentText", consentText, 2000, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return this;
    }

    private static void checkText(String name, String value, int max, List<FieldProblem> problems) {
        if (value != null && (value.length() > max || SignupValues.hasControlCharacters(value))) {
            problems.add(new FieldProblem(name, "must be at most " + max + " characters on one line"));
        }
    }
}
