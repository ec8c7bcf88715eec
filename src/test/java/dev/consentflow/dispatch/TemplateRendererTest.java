package dev.consentflow.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateRendererTest {

    @Test
    void placeholdersAreFilledWithThePersonsValues() {
        assertThat(TemplateRenderer.plain("Hi {{firstName}} from {{ city }}!",
                Map.of("firstName", "Ada", "city", "Aarhus"))).isEqualTo("Hi Ada from Aarhus!");
    }

    @ParameterizedTest
    @ValueSource(strings = {"${7*7}", "{{7*7}}", "[[${T(java.lang.Runtime)}]]", "#{7*7}", "{{firstName}}",
            "<%= 7*7 %>", "{{email}}"})
    void injectionPayloadsInAFieldAreShownLiterally(String payload) {
        Map<String, String> values = Map.of("firstName", payload, "email", "ada@example.dk");
        assertThat(TemplateRenderer.plain("Hi {{firstName}}, {{email}}", values))
                .isEqualTo("Hi " + payload + ", ada@example.dk");
        assertThat(TemplateRenderer.html("<p>{{firstName}}</p>", values))
                .isEqualTo("<p>" + TemplateRenderer.escapeHtml(payload) + "</p>")
                .doesNotContain("49");
    }

    @Test
    void valuesAreHtmlEscapedInHtmlButNotInText() {
        Map<String, String> values = Map.of("firstName", "<script>alert('x')</script> & \"Bob\"");
        assertThat(TemplateRenderer.html("<h1>Hello {{firstName}}</h1>", values))
                .isEqualTo("<h1>Hello &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Bob&quot;</h1>");
        assertThat(TemplateRenderer.plain("Hello {{firstName}}", values))
                .isEqualTo("Hello <script>alert('x')</script> & \"Bob\"");
    }

    @Test
    void theTemplatesOwnMarkupIsKept() {
        assertThat(TemplateRenderer.html("<a href=\"https://shop.example/?a=1&b=2\">{{x}}</a>", Map.of("x", "go")))
                .isEqualTo("<a href=\"https://shop.example/?a=1&b=2\">go</a>");
    }

    @Test
    void anUnknownPlaceholderRendersEmpty() {
        assertThat(TemplateRenderer.plain("Hi {{firstName}}{{lastName}}!", Map.of("firstName", "Ada")))
                .isEqualTo("Hi Ada!");
    }

    @Test
    void bracesThatAreNoPlaceholderStayAsWritten() {
        assertThat(TemplateRenderer.plain("{{7*7}} {{ }} {{a b}} {{open", Map.of()))
                .isEqualTo("{{7*7}} {{ }} {{a b}} {{open");
        assertThat(TemplateRenderer.plain("{{{firstName}}}", Map.of("firstName", "Ada"))).isEqualTo("{Ada}");
    }
}
