package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HeaderValuesTest {

    /** The pattern HeaderValues replaces: the loop of isClean must find exactly its characters. */
    private static final Pattern LINE_BREAKING = Pattern.compile("[\\p{Cntrl}\\u0085\\u2028\\u2029]");

    @Test
    void isCleanFindsExactlyTheLineBreakingCharacters() {
        for (int c = 0; c <= 0xFFFF; c++) {
            String value = "a" + (char) c + "b";
            assertThat(HeaderValues.isClean(value)).as("U+%04X", c).isEqualTo(!LINE_BREAKING.matcher(value).find());
        }
        assertThat(HeaderValues.isClean(null)).isFalse();
    }

    @Test
    void textFlattensLineBreaksAndKeepsCleanValues() {
        assertThat(HeaderValues.text(" Hello\r\nBcc: x\u2028y ")).isEqualTo("Hello  Bcc: x y");
        assertThat(HeaderValues.text(" clean value ")).isEqualTo("clean value");
        assertThat(HeaderValues.text(null)).isEmpty();
        assertThat(HeaderValues.text("x".repeat(1000))).hasSize(900);
    }
}
