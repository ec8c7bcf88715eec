package dev.consentflow.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MobileNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"+4512345678", "+14155552671", "+6831234", "+123456789012345"})
    void numbersInE164AreAccepted(String number) {
        assertThat(MobileNumber.parse(number).value()).isEqualTo(number);
    }

    @Test
    void spacesAroundTheNumberAreRemoved() {
        assertThat(MobileNumber.parse(" +4512345678\t").value()).isEqualTo("+4512345678");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4512345678", "004512345678", "+0512345678", "+45 12 34 56 78", "+45-12345678",
            "+45(1)2345678", "+1234567890123456", "+12345", "+45123456ab", "++4512345678", "+4512345678\n",
            "+45123\u000045678", "+４５12345678"})
    void anythingElseIsRefused(String number) {
        assertThatThrownBy(() -> MobileNumber.parse(number)).isInstanceOf(InvalidValue.class)
                .hasMessageContaining("E.164");
    }

    @Test
    void nothingIsNoNumber() {
        assertThatThrownBy(() -> MobileNumber.parse(" ")).isInstanceOf(InvalidValue.class).hasMessage("is required");
        assertThatThrownBy(() -> MobileNumber.parse(null)).isInstanceOf(InvalidValue.class).hasMessage("is required");
    }

    @Test
    void theNumberNeverShowsInItsStringForm() {
        assertThat(MobileNumber.parse("+4512345678").toString()).doesNotContain("12345678");
    }
}
