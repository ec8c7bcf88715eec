package dev.consentflow.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.contacts.UnsubscribeChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;

/**
 * Every console text shows as written. The console formats every text with MessageFormat, where a lone apostrophe
 * starts a quotation and is not shown ("Operators' export requests" read "Operators export requests"); an apostrophe
 * is written twice, and braces shown as braces are quoted ('{{'firstName'}}').
 */
class ConsoleTextsTest {

    @Test
    void everyApostropheOfEveryConsoleTextInBothLanguagesIsShownOnThePage() throws IOException, URISyntaxException {
        MessageSource messages = new ConsoleLanguage().messageSource();
        List<String> lost = new ArrayList<>();
        int texts = 0;
        for (Path bundle : bundles()) {
            Locale language = Locale.forLanguageTag(bundle.getFileName().toString().replaceAll(".*_(\\w+)\\.properties", "$1"));
            Properties raw = load(bundle);
            for (String key : raw.stringPropertyNames()) {
                String written = raw.getProperty(key);
                String shown = messages.getMessage(key, null, language);
                texts++;
                if (apostrophes(shown) != apostrophes(meant(written))) {
                    lost.add(bundle.getFileName() + " " + key + ": " + shown);
                }
            }
        }
        assertThat(texts).as("console texts read").isGreaterThan(500);
        assertThat(lost).as("texts whose apostrophe the page would not show").isEmpty();
    }

    @Test
    void everyWayAPersonWasReachedOrFoundHasItsWordInBothLanguages() {
        MessageSource messages = new ConsoleLanguage().messageSource();
        List<String> ways = new ArrayList<>(Stream.of(UnsubscribeChannel.values()).map(Enum::name).toList());
        ways.addAll(List.of("search", "card")); // how a card was viewed (contacts' VIEWED entries)
        for (Locale language : List.of(Locale.ENGLISH, Locale.forLanguageTag("da"))) {
            for (String way : ways) {
                assertThat(messages.getMessage("value.via." + way, null, null, language))
                        .as("value.via.%s in %s", way, language).isNotBlank();
            }
        }
    }

    /** What the author meant the page to show: '' is one apostrophe, a quoted brace is the brace. */
    private static String meant(String written) {
        return written.replace("''", "\u0000").replaceAll("'([{}]+)'", "$1").replace('\u0000', '\'');
    }

    private static long apostrophes(String text) {
        return text.chars().filter(c -> c == '\'').count();
    }

    private static List<Path> bundles() throws IOException, URISyntaxException {
        Path directory = Path.of(ConsoleTextsTest.class.getResource("/console/messages_en.properties").toURI()).getParent();
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> found = files.filter(f -> f.toString().matches(".*_(en|da)\\.properties")).sorted().toList();
            assertThat(found).hasSizeGreaterThan(10);
            return found;
        }
    }

    private static Properties load(Path bundle) throws IOException {
        Properties texts = new Properties();
        try (InputStream in = Files.newInputStream(bundle)) {
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return texts;
    }
}
