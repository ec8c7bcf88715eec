package dev.consentflow.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImportsPageTest {

    @Test
    void aRejectionsCellIsQuotedAndNeverRunsAsASpreadsheetFormula() {
        assertThat(ImportsPage.cell("email")).isEqualTo("\"email\"");
        assertThat(ImportsPage.cell("is not \"an\" address, sorry")).isEqualTo("\"is not \"\"an\"\" address, sorry\"");
        assertThat(ImportsPage.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(ImportsPage.cell("-1")).isEqualTo("\"'-1\"");
        assertThat(ImportsPage.cell(null)).isEmpty();
    }
}
