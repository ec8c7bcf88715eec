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
    void bytesAreWrittenAsLowerCaseHexOfEveryValue() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertThat(new CopyRows().row(all, new byte[0]).toString())
                .isEqualTo("\\\\x" + java.util.HexFormat.of().formatHex(all) + "\t\\\\x\n");
    }
}
