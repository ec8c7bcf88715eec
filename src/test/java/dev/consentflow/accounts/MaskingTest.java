package dev.consentflow.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MaskingTest {

    @Test
    void anAddressKeepsItsShapeAndHidesAboutFortyPercent() {
        assertThat(Masking.mask("anna@example.dk")).isEqualTo("an**@ex***le.dk");
    }

    @Test
    void aMobileNumberKeepsItsPlusAndEdges() {
        String masked = Masking.mask("+4512345678");
        assertThat(masked).startsWith("+45").endsWith("678").hasSize(11).contains("****");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@b.dk", "ab@cd.io", "x@y", "anna@example.dk", "+4512345678",
            "very.long.local.part.of.an.address@subdomain.example-company.co.uk", "+1"})
    void lengthAndAtAreKeptAndNoValueComesThroughWhole(String value) {
        String masked = Masking.mask(value);
        assertThat(masked).hasSameSizeAs(value).isNotEqualTo(value);
        assertThat(masked.indexOf('@')).isEqualTo(value.indexOf('@'));
        long stars = masked.chars().filter(c -> c == '*').count();
        long maskable = value.chars().filter(c -> c != '@' && c != '+' && c != '.').count();
        assertThat(stars).isGreaterThanOrEqualTo(Math.max(1, Math.round(maskable * 0.25)));
    }

    @Test
    void nothingToMaskStaysNothing() {
        assertThat(Masking.mask(null)).isNull();
        assertThat(Masking.mask("")).isEmpty();
    }
}
