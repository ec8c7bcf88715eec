package dev.consentflow.campaigns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.dispatch.TemplateRenderer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackedLinksTest {

    @Test
    void onlyTheTemplatesOwnAbsoluteHttpLinksAreTracked() {
        String html = """
                <a href="https://shop.example/a?x=1">A</a> <a HREF = "http://shop.example/b">B</a>
                <a href="https://shop.example/a?x=1">A again</a> <a href="javascript:alert(1)">J</a>
                <a href="//evil.example/x">E</a> <a href="mailto:x@example.dk">M</a> <a href="/relative">R</a>
                <a href="https://shop.example/{{city}}">P</a>
                """;
        assertThat(TrackedLinks.of(html)).containsExactly("https://shop.example/a?x=1", "http://shop.example/b");
    }

    @Test
    void trackedLinksPointAtTheirClickUrlAndTheRestIsUntouched() {
        String html = "<a href=\"https://shop.example/a\">A</a><a href=\"javascript:alert(1)\">J</a>";
        assertThat(TrackedLinks.html(html, Map.of("https://shop.example/a", "https://cf.example/t/c/tok0")))
                .isEqualTo("<a href=\"https://cf.example/t/c/tok0\">A</a><a href=\"javascript:alert(1)\">J</a>");
        assertThat(TrackedLinks.text("Shop at https://shop.example/a now",
                Map.of("https://shop.example/a", "https://cf.example/t/c/tok0")))
                .isEqualTo("Shop at https://cf.example/t/c/tok0 now");
    }

    @Test
    void aLinkInAPersonsEscapedValueIsNeverTracked() {
        String rendered = TemplateRenderer.html("<p>{{firstName}}</p>",
                Map.of("firstName", "<a href=\"https://evil.example/\">x</a>"));
        assertThat(TrackedLinks.of(rendered)).isEmpty();
        assertThat(TrackedLinks.html(rendered, Map.of("https://evil.example/", "https://cf.example/t/c/x0")))
                .isEqualTo(rendered);
    }
}
