package dev.consentflow.imports.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static CollectedRows read(String csv) {
        return read(csv.getBytes(StandardCharsets.UTF_8));
    }

    private static CollectedRows read(byte[] csv) {
        CollectedRows rows = new CollectedRows();
        CsvReader.read(new ByteArrayInputStream(csv), rows);
        return rows;
    }

    @Test
    void aByteOrderMarkIsSkippedAndCrlfEndsRecords() {
        CollectedRows rows = read("\uFEFFemail,firstName\r\nanna@example.dk,Anna\r\nbo@example.dk,Bo\r\n");
        assertThat(rows.header).containsExactly("email", "firstName");
        assertThat(rows.rows).extracting(CollectedRows.Row::cells)
                .containsExactly(List.of("anna@example.dk", "Anna"), List.of("bo@example.dk", "Bo"));
        assertThat(rows.rows).extracting(CollectedRows.Row::number).containsExactly(1L, 2L);
    }

    @Test
    void quotedCellsKeepLineBreaksSeparatorsAndDoubledQuotes() {
        CollectedRows rows = read("email,note,city\n\"anna@example.dk\",\"line one\r\nline \"\"two\"\"\",\"Aarhus, C\"\n"
                + "bo@example.dk,plain,\n");
        assertThat(rows.rows).hasSize(2);
        assertThat(rows.rows.get(0).cells()).containsExactly("anna@example.dk", "line one\r\nline \"two\"", "Aarhus, C");
        assertThat(rows.rows.get(1).cells()).containsExactly("bo@example.dk", "plain", null);
        assertThat(rows.rows.get(1).number()).isEqualTo(2);
    }

    @Test
    void lineEndingsOfEveryKindAndBlankLinesAreAccepted() {
        CollectedRows rows = read("email\ra@example.dk\n\nb@example.dk\r\n,\r\nc@example.dk");
        assertThat(rows.rows).extracting(r -> r.cells().get(0))
                .containsExactly("a@example.dk", "b@example.dk", "c@example.dk");
        assertThat(rows.rows).extracting(CollectedRows.Row::number).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aSemicolonHeaderMakesSemicolonsTheSeparator() {
        CollectedRows rows = read("email;firstName\nanna@example.dk;Anna, Maria\n");
        assertThat(rows.rows.get(0).cells()).containsExactly("anna@example.dk", "Anna, Maria");
    }

    @Test
    void aQuotedCellThatNeverEndsMakesTheFileUnreadable() {
        assertThatThrownBy(() -> read("email,firstName\nanna@example.dk,\"Anna\nbo@example.dk,Bo\n"))
                .isInstanceOf(FileProblem.class).hasMessageContaining("unbalanced quote");
    }

    @Test
    void aStrayQuoteOrTextAfterAClosingQuoteRejectsOnlyItsRow() {
        CollectedRows rows = read("email,firstName\nanna@example.dk,An\"na\nbo@example.dk,\"Bo\"x\ncarl@example.dk,Carl\n");
        assertThat(rows.rows).hasSize(3);
        assertThat(rows.rows.get(0).problem()).contains("quote");
        assertThat(rows.rows.get(0).column()).isEqualTo("firstName");
        assertThat(rows.rows.get(1).problem()).contains("closing quote");
        assertThat(rows.rows.get(2).problem()).isNull();
        assertThat(rows.rows.get(2).cells()).containsExactly("carl@example.dk", "Carl");
    }

    @Test
    void aTenMegabyteCellRejectsItsRowWithoutBeingKept() {
        InputStream file = new SequenceInputStream(java.util.Collections.enumeration(List.of(
                stream("email,note\nanna@example.dk,\""), huge(), stream("\"\nbo@example.dk,ok\nc@example.dk,"),
                huge(), stream("\n"))));
        CollectedRows rows = new CollectedRows();
        CsvReader.read(file, rows);
        assertThat(rows.rows).hasSize(3);
        assertThat(rows.rows.get(0).problem()).contains("longer than " + CsvReader.MAX_CELL);
        assertThat(rows.rows.get(0).column()).isEqualTo("note");
        assertThat(rows.rows.get(0).cells()).isEmpty();
        assertThat(rows.rows.get(1).cells()).containsExactly("bo@example.dk", "ok");
        assertThat(rows.rows.get(2).problem()).contains("longer than");
    }

    /** Ten megabytes of one letter, generated as they are read. */
    private static InputStream huge() {
        int size = 10 * 1024 * 1024;
        return new InputStream() {
            int left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = Math.min(len, left);
                Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
    }

    @Test
    void bytesThatAreNotUtf8RejectTheirRowNotTheFile() throws IOException {
        byte[] latin1 = "email,city\nanna@example.dk,Køge\nbo@example.dk,Aarhus\n".getBytes(StandardCharsets.ISO_8859_1);
        CollectedRows rows = read(latin1);
        assertThat(rows.rows.get(0).problem()).contains("UTF-8");
        assertThat(rows.rows.get(0).column()).isEqualTo("city");
        assertThat(rows.rows.get(1).problem()).isNull();
    }

    @Test
    void anEmptyFileHasNoHeader() {
        assertThatThrownBy(() -> read("")).isInstanceOf(FileProblem.class).hasMessageContaining("header");
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
