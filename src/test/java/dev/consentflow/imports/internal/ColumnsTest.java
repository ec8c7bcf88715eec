package dev.consentflow.imports.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consentflow.contacts.ImportRow;
import dev.consentflow.dispatch.Channel;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColumnsTest {

    @Test
    void emailAndMobileAreFoundInAnyCaseAndEveryOtherColumnIsAField() {
        Columns columns = Columns.of(List.of("First_name", "EMAIL", "Mobile", "city", "", ""));
        assertThat(columns.channel()).isEqualTo(Channel.EMAIL);
        ImportRow row = (ImportRow) columns.row(7, Arrays.asList("Anna", "anna@example.dk", "+4512345678", null));
        assertThat(row.row()).isEqualTo(7);
        assertThat(row.email()).isEqualTo("anna@example.dk");
        assertThat(row.mobile()).isEqualTo("+4512345678");
        assertThat(row.fields()).isEqualTo(new java.util.LinkedHashMap<>(Map.of("First_name", "Anna")) {{
            put("city", null);
        }});
    }

    @Test
    void aFileWithOnlyAMobileColumnSubscribesBySms() {
        assertThat(Columns.of(List.of("mobile", "name")).channel()).isEqualTo(Channel.SMS);
    }

    @Test
    void aHeaderThatCannotBeImportedIsRefusedWithTheReason() {
        assertThatThrownBy(() -> Columns.of(List.of("name"))).hasMessageContaining("\"email\" column");
        assertThatThrownBy(() -> Columns.of(List.of("email", "first name"))).hasMessageContaining("not a field name");
        assertThatThrownBy(() -> Columns.of(List.of("email", "city", "City"))).hasMessageContaining("twice");
        assertThatThrownBy(() -> Columns.of(List.of("email", "", "city"))).hasMessageContaining("Column 2");
        String[] many = new String[52];
        many[0] = "email";
        for (int i = 1; i < many.length; i++) {
            many[i] = "f" + i;
        }
        assertThatThrownBy(() -> Columns.of(List.of(many))).hasMessageContaining("more than 50");
    }

    @Test
    void cellsBeyondTheHeaderRejectTheRowUnlessEmpty() {
        Columns columns = Columns.of(List.of("email"));
        assertThat(columns.row(1, Arrays.asList("a@example.dk", null, " "))).isInstanceOf(ImportRow.class);
        assertThat(columns.row(2, List.of("a@example.dk", "extra"))).isEqualTo("the row has more cells than the header row");
    }
}
