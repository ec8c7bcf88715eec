package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressValidationTest {

    @Test
    void plainAddressesPassWithTheirDomainInLowerCase() {
        assertThat(AddressValidation.email("Anna.Berg+news@Example.DK")).isEqualTo("Anna.Berg+news@example.dk");
        assertThat(AddressValidation.email("o'brien@mail.example.co.uk")).isEqualTo("o'brien@mail.example.co.uk");
    }

    @Test
    void internationalDomainsBecomeTheirAsciiForm() {
        assertThat(AddressValidation.email("anna@bücher.example")).isEqualTo("anna@xn--bcher-kva.example");
    }

    @Test
    void hostileAndBrokenAddressesAreRefused() {
        assertThat(AddressValidation.email("a".repeat(65) + "@example.org")).isNull();
        assertThat(AddressValidation.email("anna@" + "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63)
                + "." + "d".repeat(63) + ".dk")).isNull();
        assertThat(AddressValidation.email("anna@bob@example.org")).isNull();
        assertThat(AddressValidation.email("\"anna\"@example.org")).isNull();
        assertThat(AddressValidation.email("an na@example.org")).isNull();
        assertThat(AddressValidation.email("anna\u0000@example.org")).isNull();
        assertThat(AddressValidation.email("anna@example.org\r\nBcc: x@evil.example")).isNull();
        assertThat(AddressValidation.email("anna@localhost")).isNull();
        assertThat(AddressValidation.email("anna@127.0.0.1")).isNull();
        assertThat(AddressValidation.email(".anna@example.org")).isNull();
        assertThat(AddressValidation.email("an..na@example.org")).isNull();
        assertThat(AddressValidation.email("anna@-example.org")).isNull();
        assertThat(AddressValidation.email("")).isNull();
        assertThat(AddressValidation.problemWithEmail(null)).isEqualTo("is required");
    }

    @Test
    void inputBuiltToMakeARegularExpressionBacktrackIsRefusedAtOnce() {
        String bait = "a".repeat(50_000) + "@" + "a.".repeat(20_000) + "!";
        assertThat(AddressValidation.email(bait)).isNull();
    }

    @Test
    void mobileNumbersMustBeE164() {
        assertThat(AddressValidation.mobile("+4512345678")).isEqualTo("+4512345678");
        assertThat(AddressValidation.mobile("+14155552671")).isEqualTo("+14155552671");
        assertThat(AddressValidation.mobile("4512345678")).isNull();
        assertThat(AddressValidation.mobile("+0512345678")).isNull();
        assertThat(AddressValidation.mobile("+45 12 34 56 78")).isNull();
        assertThat(AddressValidation.mobile("+1234567890123456")).isNull();
        assertThat(AddressValidation.mobile("+4512345678\n")).isNull();
        assertThat(AddressValidation.mobile(null)).isNull();
    }
}
