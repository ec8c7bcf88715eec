package dev.consentflow.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consentflow.web.InvalidInputException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomFieldsTest {

    @Test
    void valuesAreTrimmedAndNullsKeptToMeanRemoval() {
        Map<String, String> fields = new HashMap<>();
        fields.put("firstName", "  Anna ");
        fields.put("city", null);
        assertThat(CustomFields.check("fields", fields)).containsEntry("firstName", "Anna").containsEntry("city", null);
    }

    @Test
    void everyBrokenFieldIsNamedAtOnce() {
        Map<String, String> fields = Map.of("firstName", "Anna\r\nBcc: x@example.org", "city", "x".repeat(1001),
                "1st", "x", "ok", "fine");
        assertThatThrownBy(() -> CustomFields.check("fields", fields))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(InvalidInputException.FieldProblem::field)
                        .containsExactlyInAnyOrder("fields.firstName", "fields.city", "fields"));
    }

    @Test
    void aCardHoldsAtMostFiftyFields() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            many.put("f" + i, "x");
        }
        assertThatThrownBy(() -> CustomFields.check("fields", many)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void namesAreALetterThenLettersDigitsOrUnderscores() {
        assertThat(CustomFields.isName("firstName")).isTrue();
        assertThat(CustomFields.isName("zip_code2")).isTrue();
        assertThat(CustomFields.isName("_x")).isFalse();
        assertThat(CustomFields.isName("first name")).isFalse();
        assertThat(CustomFields.isName("a".repeat(65))).isFalse();
        assertThat(CustomFields.isName("navn\u00e6")).isFalse();
    }
}
