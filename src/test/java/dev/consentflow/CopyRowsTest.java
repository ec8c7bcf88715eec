package dev.consentflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CopyRowsTest {

    enum Status { CONFIRMED }

    @Test
    void repeatedIdsAndInstantsAreWrittenAsEveryOtherValueIs() {
        UUID account = UUID.randomUUID();
        Instant chunk = Instant.parse("2026-12-07T03:52:43.790318Z");
        CopyRows rows = new CopyRows();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            UUID id = UUID.randomUUID();
            Instant own = chunk.plusNanos(i * 1_000L);
            rows.row(id, account, own, own, chunk, null, Status.CONFIRMED, "a\tb", new byte[] {1, (byte) i});
            expected.append(id).append('\t').append(account).append('\t').append(own).append('\t').append(own)
                    .append('\t').append(chunk).append("\t\\N\tCONFIRMED\ta\\tb\t\\\\x01")
                    .append(String.format("%02x", i)).append('\n');
        }
        rows.row(account, chunk.plusSeconds(1));
        expected.append(account).append('\t').append(chunk.plusSeconds(1)).append('\n');

        assertThat(rows.toString()).isEqualTo(expected.toString());
    }

    @Test
    void aRowStartedWithColumnsFormattedBeforeIsTheRowWrittenAtOnce() {
        UUID account = UUID.randomUUID();
        Instant at = Instant.parse("2026-12-07T03:52:43.790318Z");
        CopyRows atOnce = new CopyRows();
        CopyRows inTwo = new CopyRows();
        CopyRows formatter = new CopyRows();
        java.util.List<String> starts = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID person = i == 3 ? null : UUID.randomUUID();
            String detail = "{\"a\": \"x\\ty\\\\z\"}\t" + i;
            atOnce.row(account, at, person, "SUBSCRIBED", "key:1", detail, null, (long) i + 1,
                    i == 0 ? null : new byte[] {(byte) i}, new byte[] {2, (byte) i});
            starts.add(formatter.columns(account, at, person, "SUBSCRIBED", "key:1", detail, null));
        }
        for (int i = 0; i < 5; i++) {
            inTwo.rowAfter(starts.get(i), (long) i + 1, i == 0 ? null : new byte[] {(byte) i}, new byte[] {2, (byte) i});
        }

        assertThat(inTwo.toString()).isEqualTo(atOnce.toString());
        assertThat(formatter.isEmpty()).isTrue();
        assertThat(formatter.toString()).isEmpty();
    }
}
