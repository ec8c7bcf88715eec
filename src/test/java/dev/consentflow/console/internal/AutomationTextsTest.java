package dev.consentflow.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The Imports and Automations pages speak both languages: every text in English has its Danish one. */
class AutomationTextsTest {

    @Test
    void everyEnglishTextOfTheAutomationsBundleHasADanishOneAndNoOther() throws IOException {
        Properties english = bundle("en");
        Properties danish = bundle("da");
        assertThat(english).isNotEmpty();
        assertThat(danish.keySet()).containsExactlyInAnyOrderElementsOf(english.keySet());
        danish.forEach((key, text) -> assertThat(text).as(key.toString()).isNotEqualTo("").isNotNull());
    }

    private static Properties bundle(String language) throws IOException {
        Properties texts = new Properties();
        try (InputStream in = AutomationTextsTest.class.getResourceAsStream(
                "/console/automations_" + language + ".properties")) {
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return texts;
    }
}
