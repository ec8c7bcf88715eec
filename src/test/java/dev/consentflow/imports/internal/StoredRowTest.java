package dev.consentflow.imports.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredRowTest {

    @Test
    void rowsComeBackAsTheyWereStoredWithEmptyCellsUnreadableRowsAndLongCells() {
        String longest = "æ".repeat(CsvReader.MAX_CELL) + "\uD83D\uDE00";
        List<StoredRow> rows = List.of(
                new StoredRow(1, Arrays.asList("anna@example.dk", null, "Ånne"), null, null),
                new StoredRow(2, List.of(), "is not valid UTF-8 text (save the file as UTF-8)", "firstName"),
                new StoredRow(3, List.of(), "the row has more than 256 cells", null),
                new StoredRow(4, List.of(longest, ""), null, null));

        assertThat(StoredRow.decode(StoredRow.encode(rows))).isEqualTo(rows);
    }

    @Test
    void theHeaderIsAPartOfItsOwn() {
        List<String> names = List.of("email", "mobile", "firstName");

        assertThat(StoredRow.decodeHeader(StoredRow.encodeHeader(names))).isEqualTo(names);
    }
}
