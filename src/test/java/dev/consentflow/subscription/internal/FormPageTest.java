package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.subscription.internal.SignupForms.SignupForm;
import dev.consentflow.web.InvalidInputException.FieldProblem;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class FormPageTest {

    private static final Pattern INPUT = Pattern.compile("<input[^>]*>");
    private static final Pattern ID = Pattern.compile(" id=\"([^\"]+)\"");

    @Test
    void everyInputHasALabel() {
        String html = FormPage.form(SignupValuesTest.NEWS, "/f/news-signup", Map.of(), List.of());
        Matcher inputs = INPUT.matcher(html);
        int count = 0;
        while (inputs.find()) {
            Matcher id = ID.matcher(inputs.group());
            assertThat(id.find()).as(inputs.group()).isTrue();
            assertThat(html).contains("<label for=\"" + id.group(1) + "\">");
            count++;
        }
        assertThat(count).isEqualTo(4);
        assertThat(html).contains(">Email address</label>", ">First name (optional)</label>");
    }

    @Test
    void commonFieldsAreLabelledInTheListsLanguageAndOthersByTheirNameInWords() {
        assertThat(FormPage.label(dev.consentflow.subscription.PublicTexts.of("da"), "firstName")).isEqualTo("Fornavn");
        assertThat(FormPage.label(dev.consentflow.subscription.PublicTexts.of("sv"), "city")).isEqualTo("Ort");
        assertThat(FormPage.label(dev.consentflow.subscription.PublicTexts.of("en"), "lastName")).isEqualTo("Last name");
        assertThat(FormPage.label(dev.consentflow.subscription.PublicTexts.of("da"), "favouriteFish"))
                .isEqualTo("Favourite fish");
    }

    @Test
    void theConsentCheckboxIsNotTickedAndShowsTheConsentText() {
        String html = FormPage.form(SignupValuesTest.NEWS, "/f/news-signup", Map.of("consent", "true"),
                List.of(new FieldProblem("email", "is required")));
        String checkbox = html.substring(html.indexOf("<input type=\"checkbox\""));
        checkbox = checkbox.substring(0, checkbox.indexOf('>') + 1);
        assertThat(checkbox).doesNotContain("checked").contains("required");
        assertThat(html).contains(Pages.escape(SignupValuesTest.NEWS.definition().consentTextOrDefault()));
    }

    @Test
    void theHoneypotIsHiddenFromPeopleAndAssistiveTechnology() {
        String html = FormPage.form(SignupValuesTest.NEWS, "/f/news-signup", Map.of(), List.of());
        assertThat(html).contains("<div class=\"cf-hp\" aria-hidden=\"true\">")
                .contains("name=\"website\" tabindex=\"-1\" autocomplete=\"off\"");
        assertThat(Pages.STYLE).contains(".cf-hp{position:absolute;left:-10000px");
    }

    @Test
    void errorsAreAnnouncedAndTiedToTheirFields() {
        String html = FormPage.form(SignupValuesTest.NEWS, "/f/news-signup", Map.of("email", "anna@"),
                List.of(new FieldProblem("email", "has no valid domain after the @")));
        assertThat(html).contains("role=\"alert\"", "href=\"#cf-email\"", "aria-invalid=\"true\"",
                "aria-describedby=\"cf-email-error\"", "id=\"cf-email-error\"", "value=\"anna@\"",
                "Please enter a valid email address.");
    }

    @Test
    void anSmsFormAsksForTheMobileNumber() {
        String html = FormPage.form(SignupValuesTest.SMS, "/f/sms-signup", Map.of(), List.of());
        assertThat(html).contains("type=\"tel\" id=\"cf-mobile\" name=\"mobile\"").doesNotContain("name=\"email\"");
    }

    @Test
    void whatMarketersAndPeopleTypedIsEscaped() {
        SignupForm hostile = new SignupForm(new AccountId(UUID.randomUUID()), 1, new FormDefinition("x",
                List.of("news"), Channel.EMAIL, List.of(), "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>"));
        String html = FormPage.form(hostile, "/f/x", Map.of("email", "\"><script>alert(2)</script>"), List.of());
        assertThat(html).doesNotContain("<script>", "<img");
    }

    @Test
    void pagesAreMobileFriendlyAndLockedDown() {
        var page = Pages.html(HttpStatus.OK, "Title", "<h1>Title</h1>");
        assertThat(page.getBody()).contains("<html lang=\"en\">", "name=\"viewport\"");
        String csp = page.getHeaders().getFirst("Content-Security-Policy");
        assertThat(csp).contains("default-src 'none'", "form-action 'self'", "frame-ancestors 'self'")
                .doesNotContain("unsafe-inline");
        assertThat(page.getBody()).contains("<style nonce=\"" + csp.replaceAll(".*'nonce-([^']+)'.*", "$1") + "\">");
        assertThat(page.getHeaders().getCacheControl()).contains("no-store");
    }

    @Test
    void theEmbedScriptCannotBeClosedByTheMarkupItCarries() {
        SignupForm form = new SignupForm(new AccountId(UUID.randomUUID()), 1, new FormDefinition("x",
                List.of("news"), Channel.EMAIL, List.of(), "</script><script>alert(1)</script>", null));
        var script = new EmbedScript(new com.fasterxml.jackson.databind.ObjectMapper(), "https://lists.example/")
                .script(form);
        assertThat(script.getBody()).doesNotContain("</script>", "</").contains("https://lists.example/f/x");
        assertThat(script.getHeaders().getContentType().toString()).startsWith("text/javascript");
    }
}
