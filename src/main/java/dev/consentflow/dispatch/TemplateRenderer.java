package dev.consentflow.dispatch;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Fills {@code {{name}}} placeholders with a person's values in one pass. A value is inserted as it is and never
 * read again, so {@code ${7*7}}, {@code {{7*7}}} or {@code [[${T(java.lang.Runtime)}]]} in a person's field
 * stay literal: nothing is evaluated. Campaigns, automation mail and the lists' built-in mails all render with
 * it, so a person's value is escaped the same way wherever it appears. A placeholder names a field ({@code [A-Za-z][A-Za-z0-9_]*}) or
 * {@code email}; one the person has no value for renders empty. Anything else between braces is left as written.
 */
public final class TemplateRenderer {

    private TemplateRenderer() {
    }

    /** For the subject and the text part: values as they are. */
    public static String plain(String template, Map<String, String> values) {
        return render(template, values, false);
    }

    /** For the HTML part: values HTML-escaped, the template's own markup kept. */
    public static String html(String template, Map<String, String> values) {
        return render(template, values, true);
    }

    private static String render(String template, Map<String, String> values, boolean escape) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        int i = 0;
        while (template != null && i < template.length()) {
            int open = template.indexOf("{{", i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            int close = template.indexOf("}}", open + 2);
            if (close < 0) {
                out.append(template, i, template.length());
                break;
            }
            String name = template.substring(open + 2, close).strip();
            if (!isName(name)) {
                // One brace on: "{{{name}}}" is a literal brace and a placeholder.
                out.append(template, i, open + 1);
                i = open + 1;
                continue;
            }
            out.append(template, i, open);
            String value = values.getOrDefault(name, "");
            out.append(escape ? escapeHtml(value) : value);
            i = close + 2;
        }
        return out.toString();
    }

    /** The placeholders a template uses, as the renderer reads them, in order of appearance. */
    public static Set<String> placeholders(String template) {
        Set<String> names = new LinkedHashSet<>();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf("{{", i);
            int close = open < 0 ? -1 : template.indexOf("}}", open + 2);
            if (close < 0) {
                break;
            }
            String name = template.substring(open + 2, close).strip();
            if (isName(name)) {
                names.add(name);
                i = close + 2;
            } else {
                i = open + 1;
            }
        }
        return names;
    }

    public static boolean isName(String name) {
        if (name.isEmpty() || name.length() > 64) {
            return false;
        }
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            if (!(letter || k > 0 && (c >= '0' && c <= '9' || c == '_'))) {
                return false;
            }
        }
        return true;
    }

    public static String escapeHtml(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
