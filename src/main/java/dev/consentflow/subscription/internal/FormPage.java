package dev.consentflow.subscription.internal;

import static dev.consentflow.subscription.internal.Pages.escape;

import dev.consentflow.dispatch.Channel;
import dev.consentflow.subscription.internal.SignupForms.SignupForm;
import dev.consentflow.web.InvalidInputException.FieldProblem;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTML of a signup form. Every input has a label; errors are listed at the top (announced, linked to their
 * fields) and next to each field; the consent checkbox is never ticked by us; the honeypot field is off-screen
 * and hidden from assistive technology, so only bots fill it.
 */
final class FormPage {

    private FormPage() {
    }

    /** The form, for the page or for embedding; {@code action} is where it posts. */
    static String form(SignupForm form, String action, Map<String, String> values, List<FieldProblem> errors) {
        FormDefinition definition = form.definition();
        StringBuilder html = new StringBuilder();
        html.append("<h1>").append(escape(definition.titleOrDefault())).append("</h1>\n");
        if (!errors.isEmpty()) {
            html.append("<div class=\"cf-errors\" role=\"alert\" id=\"cf-errors\"><p>Please correct this:</p><ul>");
            for (FieldProblem error : errors) {
                html.append("<li><a href=\"#cf-").append(escape(error.field())).append("\">")
                        .append(escape(label(error.field()))).append(": ").append(escape(error.message()))
                        .append("</a></li>");
            }
            html.append("</ul></div>\n");
        }
        html.append("<form method=\"post\" action=\"").append(escape(action)).append("\">\n");
        if (definition.channel() == Channel.SMS) {
            input(html, "mobile", "tel", "tel", true, values, errors);
        } else {
            input(html, "email", "email", "email", true, values, errors);
        }
        for (String field : definition.fields()) {
            input(html, field, "text", autocomplete(field), false, values, errors);
        }
        html.append("<div class=\"cf-hp\" aria-hidden=\"true\"><label for=\"cf-website\">Leave this field empty</label>"
                + "<input type=\"text\" id=\"cf-website\" name=\"website\" tabindex=\"-1\" autocomplete=\"off\"></div>\n");
        Optional<FieldProblem> consentError = error("consent", errors);
        html.append("<div class=\"cf-consent\"><input type=\"checkbox\" id=\"cf-consent\" name=\"consent\" value=\"true\" required")
                .append(consentError.isPresent() ? " aria-invalid=\"true\" aria-describedby=\"cf-consent-error\"" : "")
                .append("><label for=\"cf-consent\">").append(escape(definition.consentTextOrDefault()))
                .append("</label></div>\n");
        consentError.ifPresent(e -> html.append("<p class=\"cf-error\" id=\"cf-consent-error\">")
                .append(escape(e.message())).append("</p>\n"));
        html.append("<button type=\"submit\">Subscribe</button>\n</form>");
        return html.toString();
    }

    static String thanks(SignupForm form) {
        String where = form.definition().channel() == Channel.SMS ? "your text messages" : "your inbox";
        return "<h1>Almost done</h1>\n<p>Please check " + where + ": we sent you a link to confirm your subscription. "
                + "Nothing is sent to you until you confirm.</p>";
    }

    private static void input(StringBuilder html, String name, String type, String autocomplete, boolean required,
                              Map<String, String> values, List<FieldProblem> errors) {
        Optional<FieldProblem> error = error(name, errors);
        String id = "cf-" + name;
        html.append("<div class=\"cf-field\"><label for=\"").append(id).append("\">").append(escape(label(name)))
                .append(required ? "" : " (optional)").append("</label>")
                .append("<input type=\"").append(type).append("\" id=\"").append(id).append("\" name=\"")
                .append(name).append("\" maxlength=\"").append(name.equals("email") ? 254 : 200).append("\"")
                .append(autocomplete == null ? "" : " autocomplete=\"" + autocomplete + "\"")
                .append(required ? " required" : "")
                .append(" value=\"").append(escape(values.getOrDefault(name, ""))).append("\"")
                .append(error.isPresent() ? " aria-invalid=\"true\" aria-describedby=\"" + id + "-error\"" : "")
                .append(">");
        error.ifPresent(e -> html.append("<p class=\"cf-error\" id=\"").append(id).append("-error\">")
                .append(escape(e.message())).append("</p>"));
        html.append("</div>\n");
    }

    private static Optional<FieldProblem> error(String field, List<FieldProblem> errors) {
        return errors.stream().filter(e -> e.field().equals(field)).findFirst();
    }

    /** {@code firstName} reads "First name"; the address fields have their own words. */
    static String label(String field) {
        return switch (field) {
            case "email" -> "Email address";
            case "mobile" -> "Mobile number, international (+4512345678)";
            case "consent" -> "Consent";
            default -> {
                String words = field.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase();
                yield Character.toUpperCase(words.charAt(0)) + words.substring(1);
            }
        };
    }

    private static String autocomplete(String field) {
        return switch (field) {
            case "firstName" -> "given-name";
            case "lastName" -> "family-name";
            case "name", "fullName" -> "name";
            default -> null;
        };
    }
}
