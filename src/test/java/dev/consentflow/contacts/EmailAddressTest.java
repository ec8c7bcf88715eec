package dev.consentflow.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consentflow.web.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"anna@example.dk", "Anna.Berg@Example.DK", "a@b.co", "first.last+tag@sub.example.org",
            "o'brien@example.ie", "x!#$%&'*+/=?^_`{|}~-y@example.com", "anna@xn--bcher-kva.de", "1@2.example"})
    void ordinaryAddressesAreAccepted(String address) {
        assertThat(EmailAddress.parse(address).value()).isEqualToIgnoringCase(address);
    }

    @Test
    void spacesAndTabsAroundTheAddressAreRemovedAndTheDomainIsLowerCased() {
        EmailAddress address = EmailAddress.parse(" \tAnna.Berg@Example.DK\t ");
        assertThat(address.value()).isEqualTo("Anna.Berg@example.dk");
        assertThat(address.normalized()).isEqualTo("anna.berg@example.dk");
    }

    @Test
    void theNormalizedFormLowerCasesTheWholeAddressSoCaseNeverMakesTwoPeople() {
        assertThat(EmailAddress.parse("ANNA@EXAMPLE.DK")).isEqualTo(EmailAddress.parse("anna@example.dk"));
        assertThat(EmailAddress.parse("ANNA@EXAMPLE.DK").normalized()).isEqualTo("anna@example.dk");
    }

    @Test
    void anInternationalisedDomainIsStoredInItsAsciiFormAndMatchesThatForm() {
        EmailAddress unicode = EmailAddress.parse("anna@bücher.de");
        assertThat(unicode.value()).isEqualTo("anna@xn--bcher-kva.de");
        assertThat(unicode).isEqualTo(EmailAddress.parse("anna@XN--BCHER-KVA.de"));
    }

    @Test
    void aDanishLocalPartIsAcceptedInItsComposedFormSoBothSpellingsAreOnePerson() {
        EmailAddress composed = EmailAddress.parse("Søren.Ærbø-Åsted@example.dk");
        assertThat(composed.value()).isEqualTo("Søren.Ærbø-Åsted@example.dk");
        EmailAddress decomposed = EmailAddress.parse("Søren.Ærbø-A\u030asted@example.dk");
        assertThat(decomposed.value()).isEqualTo(composed.value());
        assertThat(decomposed.normalized()).isEqualTo("søren.ærbø-åsted@example.dk");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "anna", "anna@", "@example.dk", "anna@@example.dk", "an@na@example.dk",
            "\"anna\"@example.dk", "\"a@b\"@example.dk", "an na@example.dk", "anna@exa mple.dk", "anna@example",
            "anna@example.dk.", ".anna@example.dk", "anna.@example.dk", "an..na@example.dk", "anna@.example.dk",
            "anna@example..dk", "anna@-example.dk", "anna@example-.dk", "anna@[192.0.2.1]", "anna@192.0.2.1",
            "anna(comment)@example.dk", "anna@exam_ple.dk", "an\u2709na@example.dk", "anna@example.dk\u0000",
            "anna\u0000@example.dk", "anna@example.dk\r\nBcc: victim@example.org", "anna\n@example.dk",
            "anna@example.dk\n", "anna\u2028@example.dk", "anna@exa\u00a0mple.dk", "anna@example.d\u200bk"})
    void malformedAddressesAreRefused(String address) {
        assertThatThrownBy(() -> EmailAddress.parse(address)).isInstanceOf(InvalidValue.class);
    }

    @Test
    void aLocalPartOfSixtyFiveCharactersIsRefusedAndOfSixtyFourAccepted() {
        assertThat(EmailAddress.parse("a".repeat(64) + "@example.dk").value()).hasSize(64 + 11);
        assertThatThrownBy(() -> EmailAddress.parse("a".repeat(65) + "@example.dk"))
                .isInstanceOf(InvalidValue.class).hasMessageContaining("64");
    }

    @Test
    void anAddressOverTwoHundredFiftyFourCharactersIsRefused() {
        String domain = "d".repeat(63) + "." + "e".repeat(63) + "." + "f".repeat(63) + ".dk"; // 194 characters
        String fits = "a".repeat(254 - 1 - domain.length()) + "@" + domain;
        assertThat(EmailAddress.parse(fits).value()).hasSize(254);
        assertThatThrownBy(() -> EmailAddress.parse("a" + fits)).isInstanceOf(InvalidValue.class);
        assertThatThrownBy(() -> EmailAddress.parse("a".repeat(100_000) + "@example.dk"))
                .isInstanceOf(InvalidValue.class).hasMessageContaining("254");
    }

    @Test
    void inputBuiltToMakeARegularExpressionBacktrackIsRefusedInOneScan() {
        // Classic bait for nested-quantifier validators: a long run of atoms that fails only at the end.
        String bait = "a.".repeat(400) + "@" + "a-".repeat(200) + "!";
        assertThatThrownBy(() -> EmailAddress.parse(bait.substring(0, 1000))).isInstanceOf(InvalidValue.class);
        assertThatThrownBy(() -> EmailAddress.parse("a".repeat(60) + "@" + "a.".repeat(120) + "-"))
                .isInstanceOf(InvalidValue.class);
    }

    @Test
    void theErrorNamesTheFieldAndNeverRepeatsTheValue() {
        assertThatThrownBy(() -> EmailAddress.parseField("email", "secret-person@@example.dk"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.errors().get(0).field()).isEqualTo("email");
                    assertThat(e.errors().get(0).message()).doesNotContain("secret-person");
                });
    }

    @Test
    void theAddressNeverShowsInItsStringForm() {
        assertThat(EmailAddress.parse("anna@example.dk").toString()).doesNotContain("anna");
    }
}
