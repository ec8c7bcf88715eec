package dev.consentflow.subscription.internal;

import static dev.consentflow.subscription.internal.Pages.escape;

import dev.consentflow.dispatch.Channel;
import dev.consentflow.subscription.PublicTexts;
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
        PublicTexts t = form.texts();
        StringBuilder html = new StringBuilder();
        html.append("<h1>").append(escape(form.title())).append("</h1>\n");
        if (!errors.isEmpty()) {
            html.append("<div class=\"cf-errors\" role=\"alert\" id=\"cf-errors\"><p>").append(t.html("form.errors"))
                    .append("</p><ul>");
            for (FieldProblem error : errors) {
                html.append("<li><a href=\"#cf-").append(escape(error.field())).append("\">")
                        .append(escape(label(t, error.field()))).append(": ").append(escape(message(t, error)))
                        .append("</a></li>");
            }
            html.append("</ul></div>\n");
        }
        html.append("<form method=\"post\" action=\"").append(escape(action)).append("\">\n");
        if (definition.channel() == Channel.SMS) {
            input(t, html, "mobile", "tel", "tel", true, values, errors);
        } else {
            input(t, html, "email", "email", "email", true, values, errors);
        }
        for (String field : definition.fields()) {
            input(t, html, field, "text", autocomplete(field), false, values, errors);
        }
        html.append("<div class=\"cf-hp\" aria-hidden=\"true\"><label for=\"cf-website\">")
                .append(t.html("form.honeypot")).append("</label>"
                + "<input type=\"text\" id=\"cf-website\" name=\"website\" tabindex=\"-1\" autocomplete=\"off\"></div>\n");
        Optional<FieldProblem> consentError = error("consent", errors);
        html.append("<div class=\"cf-consent\"><input type=\"checkbox\" id=\"cf-consent\" name=\"consent\" value=\"true\" required")
                .append(consentError.isPresent() ? " aria-invalid=\"true\" aria-describedby=\"cf-consent-error\"" : "")
                .append("><label for=\"cf-consent\">").append(escape(form.consentText()))
                .append("</label></div>\n");
        consentError.ifPresent(e -> html.append("<p class=\"cf-error\" id=\"cf-consent-error\">")
                .append(escape(message(t, e))).append("</p>\n"));
        html.append("<button type=\"submit\">").append(t.html("form.submit")).append("</button>\n</form>");
        return html.toString();
    }

    static String thanks(SignupForm form) {
        PublicTexts t = form.texts();
        return "<h1>" + t.html("thanks.title") + "</h1>\n<p>" + t.html("thanks." + form.definition().channel().name())
                + "</p>";
    }

    private static void input(PublicTexts t, StringBuilder html, String name, String type, String autocomplete, boolean required,
                              Map<String, String> values, List<FieldProblem> errors) {
        Optional<FieldProblem> error = error(name, errors);
        String id = "cf-" + name;
        html.append("<div class=\"cf-field\"><label for=\"").append(id).append("\">").append(escape(label(t, name)))
                .append(required ? "" : " " + t.html("page.optional")).append("</label>")
                .append("<input type=\"").append(type).append("\" id=\"").append(id).append("\" name=\"")
                .append(name).append("\" maxlength=\"").append(name.equals("email") ? 254 : 200).append("\"")
                .append(autocomplete == null ? "" : " autocomplete=\"" + autocomplete + "\"")
                .append(required ? " required" : "")
                .append(" value=\"").append(escape(values.getOrDefault(name, ""))).append("\"")
                .append(error.isPresent() ? " aria-invalid=\"true\" aria-describedby=\"" + id + "-error\"" : "")
                .append(">");
        error.ifPresent(e -> html.append("<p class=\"cf-error\" id=\"").append(id).append("-error\">")
                .append(escape(message(t, e))).append("</p>"));
        html.append("</div>\n");
    }

    /**
     * What a person reads about a field, in the list's language: the problem JSON's message is for integrations
     * (English, precise), the page says what to do.
     */
    private static String message(PublicTexts t, FieldProblem error) {
        return switch (error.field()) {
            case "email", "mobile", "consent" -> t.text("form.error." + error.field());
            default -> t.text("form.error.field");
        };
    }

    private static Optional<FieldProblem> error(String field, List<FieldProblem> errors) {
        return errors.stream().filter(e -> e.field().equals(field)).findFirst();
    }

    /** The fields whose label the list's language has words for ({@code form.label.<field>}). */
    private static final java.util.Set<String> WORDED = java.util.Set.of("email", "mobile", "consent", "firstName",
            "lastName", "name", "fullName", "company", "city", "postalCode", "country");

    /**
     * The address fields and the common ones ({@code firstName}, {@code city}, ...) in the list's language; any
     * other field by its name in words ({@code favouriteFish} reads "Favourite fish").
     */
    static String label(PublicTexts t, String field) {
        if (WORDED.contains(field)) {
            return t.text("form.label." + field);
        }
        String words = field.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase();
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String autocomplete(String field) {
        return switch (field) {
            case "firstName" -> "given-name";
            case "lastName" -> "family-name";
            case "name", "fullName" -> "name";
            case "company" -> "organization";
            case "city" -> "address-level2";
            case "postalCode" -> "postal-code";
            case "country" -> "country-name";
            default -> null;
        };
    }
}
