package dev.consentflow.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PublicTextsTest {

    @Test
    void everyLanguageHasEveryTextEnglishHas() {
        var english = PublicTexts.of("en").keys();
        for (String language : PublicTexts.languages()) {
            assertThat(PublicTexts.of(language).keys()).as(language).isEqualTo(english);
            for (String key : english) {
                assertThat(PublicTexts.of(language).text(key)).as(language + " " + key).isNotBlank();
            }
        }
    }

    @Test
    void theBrowsersPreferredLanguageAmongOursIsChosenElseEnglish() {
        assertThat(PublicTexts.ofAcceptLanguage("da-DK,da;q=0.9,en;q=0.5").language()).isEqualTo("da");
        assertThat(PublicTexts.ofAcceptLanguage("fr-FR,de;q=0.8").language()).isEqualTo("de");
        assertThat(PublicTexts.ofAcceptLanguage("fr-FR").language()).isEqualTo("en");
        assertThat(PublicTexts.ofAcceptLanguage("not a ;;; header").language()).isEqualTo("en");
        assertThat(PublicTexts.ofAcceptLanguage(null).language()).isEqualTo("en");
        assertThat(PublicTexts.of("xx").language()).isEqualTo("en");
    }

    @Test
    void argumentsAreFilledInAsGivenAndEscapedOnlyInTheTextsOwnWords() {
        PublicTexts danish = PublicTexts.of("da");
        assertThat(danish.text("unsubscribe.all.of", "Acme's \"best\"")).isEqualTo("alle lister fra Acme's \"best\"");
        assertThat(danish.html("unsubscribe.also", "<strong>A &amp; B</strong>"))
                .isEqualTo("Du modtager også <strong>A &amp; B</strong>.");
        assertThat(PublicTexts.of("en").html("thanks.SMS")).contains("text messages");
        assertThatThrownBy(() -> danish.text("no.such.key")).isInstanceOf(IllegalArgumentException.class);
    }
}
