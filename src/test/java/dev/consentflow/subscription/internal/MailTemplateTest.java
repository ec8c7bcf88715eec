package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.InvalidInputException.FieldProblem;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailTemplateTest {

    @Test
    void aConfirmationWithoutItsLinkInEitherPartIsRefusedNamingThePlaceholder() {
        var refused = catchThrowableOfType(() -> new MailTemplate("Hi", "<p>{{listName}}</p>", "Join: {{confirmUrl}}")
                .checkedFor(MailKind.CONFIRMATION), InvalidInputException.class);
        assertThat(refused.errors()).extracting(FieldProblem::field).containsExactly("html");
        assertThat(refused.errors().get(0).message()).contains("{{confirmUrl}}");
    }

    @Test
    void unknownPlaceholdersAndTheWrongKindsLinkAreRefused() {
        var refused = catchThrowableOfType(() -> new MailTemplate("Hi {{firstName}}",
                "<a href=\"{{unsubscribeUrl}}\">x</a> {{confirmUrl}}", "{{confirmUrl}}")
                .checkedFor(MailKind.REMINDER), InvalidInputException.class);
        assertThat(refused.errors()).extracting(FieldProblem::message)
                .anyMatch(m -> m.contains("{{firstName}}")).anyMatch(m -> m.contains("{{unsubscribeUrl}}"));
        var welcome = catchThrowableOfType(() -> new MailTemplate("Welcome", "<a href=\"{{confirmUrl}}\">x</a>",
                "{{unsubscribeUrl}}").checkedFor(MailKind.WELCOME), InvalidInputException.class);
        assertThat(welcome.errors()).extracting(FieldProblem::field).contains("html");
    }

    @Test
    void emptyPartsAndAMultiLineSubjectAreRefused() {
        var refused = catchThrowableOfType(() -> new MailTemplate("A\r\nBcc: x@evil.example", " ", null)
                .checkedFor(MailKind.WELCOME), InvalidInputException.class);
        assertThat(refused.errors()).extracting(FieldProblem::field).contains("subject", "html", "text");
    }

    @Test
    void renderingEscapesValuesInHtmlOnlyAndEvaluatesNothing() {
        var mail = new MailTemplate("{{listName}}", "<a href=\"{{confirmUrl}}\">{{listName}}</a>",
                "{{listName}}: {{confirmUrl}}").checkedFor(MailKind.CONFIRMATION)
                .render(Map.of("listName", "A <b> & ${7*7}", "confirmUrl", "https://x.example/c/t?a=1&b=2"));
        assertThat(mail.subject()).isEqualTo("A <b> & ${7*7}");
        assertThat(mail.html()).isEqualTo("<a href=\"https://x.example/c/t?a=1&amp;b=2\">A &lt;b&gt; &amp; ${7*7}</a>");
        assertThat(mail.text()).isEqualTo("A <b> & ${7*7}: https://x.example/c/t?a=1&b=2");
    }

    @Test
    void aLineBreakThatAValueBringsIntoTheSubjectBecomesASpaceEach() {
        var mail = new MailTemplate("Join {{listName}}!", "<p>{{confirmUrl}}</p>", "{{confirmUrl}}")
                .checkedFor(MailKind.CONFIRMATION)
                .render(Map.of("listName", "News\r\nBcc: x@evil.example\n\rend", "confirmUrl", "https://x.example/c/t"));
        assertThat(mail.subject()).isEqualTo("Join News  Bcc: x@evil.example  end!");
    }
}
